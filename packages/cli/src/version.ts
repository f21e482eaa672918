/** The CLI's version: set by the one-file build, else read from package.json (running the sources). */
declare const FLEETDROP_CLI_VERSION: string | undefined;

export async function cliVersion(): Promise<string> {
  if (typeof FLEETDROP_CLI_VERSION === "string") return FLEETDROP_CLI_VERSION;
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")).version;
}
