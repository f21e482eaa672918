/**
 * `npm run build`: the CLI as one ES module, dist/fleetdrop.mjs, that any Node ≥ 20 runs without
 * node_modules (copy the file to a machine and run it). It talks HTTP only: nothing of core but
 * types, and no AWS SDK. Modules loaded with `import()` stay uninitialised until a command needs them.
 */
import { chmod, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const defaultOutfile = fileURLToPath(new URL("../dist/fleetdrop.mjs", import.meta.url));

export async function bundleCli(outfile = defaultOutfile): Promise<string> {
  const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  await build({
    entryPoints: [fileURLToPath(new URL("./main.ts", import.meta.url))],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    legalComments: "none",
    define: { FLEETDROP_CLI_VERSION: JSON.stringify(version) },
    // CommonJS dependencies call require() for Node's built-ins; ESM has none of its own.
    banner: {
      js:
        "#!/usr/bin/env node\n" +
        'import { createRequire as __fleetdropRequire } from "node:module";\n' +
        "const require = __fleetdropRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  await chmod(outfile, 0o755);
  return outfile;
}

if (import.meta.main) {
  const file = await bundleCli();
  process.stdout.write(`built ${file}\n`);
}
