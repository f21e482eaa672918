import { Command, InvalidArgumentError, Option } from "commander";
import type { ApiClient } from "../api-client.ts";
import { CliError } from "../errors.ts";
import { uploadFile } from "../transfer/upload-file.ts";
import { bytes, printJson } from "../ui/format.ts";
import { terminalSafe } from "../ui/safe-text.ts";

export function uploadCommand(client: () => Promise<ApiClient>): Command {
  return new Command("upload")
    .description("upload a file to a machine (hash, declare, send to S3, wait until active)")
    .argument("<id>", "machine id")
    .argument("<file>", "path of the file")
    .option("--no-wait", "return once S3 has the bytes, without waiting for activation")
    .option("--content-type <type>", "MIME type stored with the file (default application/octet-stream)")
    .addOption(new Option("--timeout <seconds>", "how long to wait for activation").default(600).argParser(seconds))
    .option("--json", "print JSON")
    .action(
      async (
        id: string,
        file: string,
        options: { wait: boolean; contentType?: string; timeout: number; json?: boolean },
      ) => {
        const { upload } = await uploadFile(await client(), id, file, {
          wait: options.wait,
          showProgress: !options.json && Boolean(process.stderr.isTTY),
          waitTimeoutMs: options.timeout * 1000,
          ...(options.contentType ? { contentType: options.contentType } : {}),
        });
        if (options.json) printJson(upload);
        else {
          const what = `${terminalSafe(upload.filename)} (${bytes(upload.size)})`;
          if (upload.status === "active") process.stdout.write(`${id}: ${what} is active as ${upload.uploadId}\n`);
          else if (upload.status === "pending") {
            process.stdout.write(
              `${id}: sent ${what} as ${upload.uploadId} ` +
                `(not waiting; see: fleetdrop uploads show ${upload.uploadId})\n`,
            );
          }
        }
        if (upload.status === "rejected" || upload.status === "superseded" || upload.status === "expired") {
          const reason = upload.reason ? `: ${terminalSafe(upload.reason)}` : "";
          throw new CliError(`${id}: upload ${upload.uploadId} was ${upload.status}${reason}`);
        }
      },
    );
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new InvalidArgumentError(`not a positive number of seconds: ${value}`);
  return parsed;
}
