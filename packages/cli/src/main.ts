/** `fleetdrop`: the admin's and the machines' command line. Exit 0 success, 1 failure, 2 usage. */
import { Command, CommanderError } from "commander";
import { ApiClient } from "./api-client.ts";
import { fetchCommand } from "./commands/fetch.ts";
import { machinesCommand } from "./commands/machines.ts";
import { statusCommand } from "./commands/status.ts";
import { uploadCommand } from "./commands/upload.ts";
import { uploadDirCommand } from "./commands/upload-dir.ts";
import { uploadsCommand } from "./commands/uploads.ts";
import { adminCredentials, apiUrl } from "./config.ts";
import { CliError } from "./errors.ts";
import { cliVersion } from "./version.ts";

const version = await cliVersion();
const adminClient = async () => {
  const url = apiUrl();
  return new ApiClient(url, await adminCredentials(url), version);
};

const program = new Command("fleetdrop")
  .description(
    "Targeted file delivery for a fleet of machines.\n" +
      "Config: FLEETDROP_URL, FLEETDROP_ADMIN_TOKEN, FLEETDROP_MACHINE_TOKEN; HTTPS_PROXY, HTTP_PROXY, NO_PROXY.",
  )
  .version(version, "-V, --version", "print the version")
  .showHelpAfterError()
  .addCommand(machinesCommand(adminClient))
  .addCommand(uploadCommand(adminClient))
  .addCommand(uploadDirCommand(adminClient))
  .addCommand(uploadsCommand(adminClient))
  .addCommand(statusCommand(adminClient))
  .addCommand(fetchCommand(version));

// Usage errors (unknown command or option, missing argument) exit 2 everywhere.
const exitOverride = (command: Command) => {
  command.exitOverride();
  command.commands.forEach(exitOverride);
};
exitOverride(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; everything else commander reports is a usage error.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const exitCode = error instanceof CliError ? error.exitCode : 1;
  process.stderr.write(`fleetdrop: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(exitCode);
}
