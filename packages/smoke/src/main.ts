/**
 * `npm run smoke -- --url <ApiUrl> --admin-token <token>`: the whole flow against a deployment (or
 * the local stack), HTTP only. Prints a pass/fail table; exits 1 on any failure, 2 on bad usage.
 */
import { parseArgs } from "node:util";
import { Api } from "./client.ts";
import { runSmoke, type StepResult } from "./flow.ts";

const usage = "usage: npm run smoke -- --url <ApiUrl> --admin-token <token>";

let url: string | undefined;
let adminToken: string | undefined;
try {
  ({
    values: { url, "admin-token": adminToken },
  } = parseArgs({
    options: { url: { type: "string" }, "admin-token": { type: "string" } },
  }));
  if (!url || !/^https?:\/\//.test(url)) throw new Error("--url must be the API's http(s) URL");
  if (!adminToken) throw new Error("--admin-token is required");
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}

const width = 40;
const line = (r: StepResult) => `${r.step.padEnd(width)} ${r.outcome.padEnd(7)} ${r.detail}`;
console.log(`Fleetdrop smoke test against ${url}\n${"step".padEnd(width)} ${"result".padEnd(7)} detail`);
const results = await runSmoke(new Api(url!, adminToken!), (result) => console.log(line(result)));

const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
console.log(`\n${count("pass")} passed, ${count("fail")} failed, ${count("skipped")} skipped`);
process.exitCode = count("fail") > 0 ? 1 : 0;
