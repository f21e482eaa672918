/**
 * Matches the files of a directory to machines: `<machineId>.<ext>` or `<machineId>`. Machine ids
 * may contain dots, so every dot-prefix of a name is a candidate; a name that fits no registered
 * machine, or more than one, is reported rather than guessed, and so are two files for one machine.
 */
export type Match = { file: string; machineId: string } | { file: string; problem: string };

export function matchFiles(files: string[], machineIds: Set<string>): Match[] {
  const matches = files.map((file): Match => {
    const candidates = [file, ...dotPrefixes(file)].filter((name) => machineIds.has(name));
    if (candidates.length === 0) return { file, problem: "no registered machine has this name" };
    if (candidates.length > 1) return { file, problem: `ambiguous: could be ${candidates.join(" or ")}` };
    return { file, machineId: candidates[0]! };
  });
  const filesPerMachine = new Map<string, string[]>();
  for (const match of matches) {
    if ("machineId" in match)
      filesPerMachine.set(match.machineId, [...(filesPerMachine.get(match.machineId) ?? []), match.file]);
  }
  return matches.map((match) => {
    if (!("machineId" in match)) return match;
    const others = filesPerMachine.get(match.machineId)!;
    return others.length > 1
      ? { file: match.file, problem: `several files for ${match.machineId}: ${others.join(", ")}` }
      : match;
  });
}

function dotPrefixes(name: string): string[] {
  const prefixes: string[] = [];
  for (let i = name.indexOf(".", 1); i > 0; i = name.indexOf(".", i + 1)) prefixes.push(name.slice(0, i));
  return prefixes;
}
