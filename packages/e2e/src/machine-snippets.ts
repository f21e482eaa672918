/**
 * The machine-side snippets of README.md, read from the README itself so the tests run exactly
 * what users copy. A snippet is the fenced block right after a line `<!-- machine-client: <names> -->`;
 * one block may serve several clients (GNU wget and busybox wget share one).
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Snippet {
  language: string;
  code: string;
}

const readmePath = fileURLToPath(new URL("../../../README.md", import.meta.url));
const marked = /^<!-- machine-client: ([^>]*?) -->\n```(\w+)\n([\s\S]*?)\n```/gm;

/** Client name → its snippet. Throws if a marker is not followed by a fenced block. */
export function parseSnippets(markdown: string): Map<string, Snippet> {
  const snippets = new Map<string, Snippet>();
  for (const match of markdown.matchAll(marked)) {
    for (const client of match[1]!.trim().split(/\s+/)) {
      if (snippets.has(client)) throw new Error(`README has two snippets for machine client "${client}"`);
      snippets.set(client, { language: match[2]!, code: match[3]! });
    }
  }
  const markers = markdown.match(/^<!-- machine-client:/gm)?.length ?? 0;
  const blocks = [...markdown.matchAll(marked)].length;
  if (markers !== blocks)
    throw new Error(`${markers - blocks} machine-client marker(s) not followed by a fenced block`);
  return snippets;
}

export async function readmeSnippets(): Promise<Map<string, Snippet>> {
  return parseSnippets(await readFile(readmePath, "utf8"));
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a snippet reads, as the README says to set it. */
export interface SnippetEnv {
  URL: string;
  MACHINE_ID: string;
  TOKEN: string;
  OUT: string;
}

export interface SnippetRunner {
  run(client: string, code: string, env: SnippetEnv): Promise<Run>;
  dispose(): Promise<void>;
}

/**
 * How each client's shell snippet runs here. busybox runs with a PATH holding only its own applets
 * (`busybox --install -s`), as on an embedded system, so a GNU tool cannot stand in unnoticed.
 */
export async function createSnippetRunner(): Promise<SnippetRunner> {
  const busybox = await findOnPath("busybox");
  const busyboxBin = await mkdtemp(join(tmpdir(), "fleetdrop-busybox-"));
  const installed = await exec(busybox, ["--install", "-s", busyboxBin], process.env);
  if (installed.code !== 0) throw new Error(`busybox --install failed: ${installed.stderr}`);
  // The same python3, found directly: a version manager's shim (pyenv) costs seconds per call.
  const python = await exec("python3", ["-c", "import sys; print(sys.executable)"], process.env);
  const path = [dirname(python.stdout.trim()), process.env.PATH ?? ""].join(":");
  return {
    run(client, code, env) {
      if (client === "busybox-wget") return exec(busybox, ["sh", "-c", code], { ...env, PATH: busyboxBin });
      return exec("sh", ["-c", code], { ...env, PATH: path, HOME: process.env.HOME ?? "" });
    },
    dispose: () => rm(busyboxBin, { recursive: true, force: true }),
  };
}

/** The absolute path of a program on PATH; the error names what installs it in CI. */
export async function findOnPath(program: string): Promise<string> {
  for (const dir of (process.env.PATH ?? "").split(":").filter(Boolean)) {
    const candidate = join(dir, program);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new Error(`${program} is not installed (.ci/run installs it with apt-get)`);
}

/** Runs a program to completion (killed after 30 s, reported as such); never rejects on exit codes. */
export function exec(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 30_000, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        if (error.killed) return reject(new Error(`${file} ${args[0]} did not finish within 30 s:\n${stderr}`));
        return reject(new Error(`${file} failed to run or was killed: ${error.message}`));
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}
