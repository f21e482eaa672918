/** `npm start`: runs the whole system locally until Ctrl-C. */
import { readSettings } from "./settings.ts";
import { startStack } from "./stack.ts";

function explain(error: unknown): string {
  const { code, port, message } = error as { code?: string; port?: number; message?: string };
  if (code === "EADDRINUSE")
    return `port ${port} is already in use; choose others with PORT, FLEETDROP_S3_PORT, FLEETDROP_DYNAMODB_PORT or FLEETDROP_WEB_PORT.`;
  return message ?? String(error);
}

let settings: ReturnType<typeof readSettings>;
let stack: Awaited<ReturnType<typeof startStack>>;
try {
  settings = readSettings();
  stack = await startStack(settings, { deliverEvents: process.env.FLEETDROP_LOCAL_EVENTS !== "off" });
} catch (error) {
  process.stderr.write(`Fleetdrop could not start: ${explain(error)}\n`);
  process.exit(1);
}

const tokenWhere = stack.adminTokenFile ? `kept in ${stack.adminTokenFile}` : "from FLEETDROP_ADMIN_TOKEN";
process.stderr.write(
  `${[
    "",
    `Fleetdrop is running locally (data in ${settings.dataDir})`,
    `  API        ${stack.apiUrl}   (ready: GET ${stack.apiUrl}/health)`,
    `  Dashboard  ${stack.webUrl}   (${stack.webBuilt ? "sign in with the admin token" : "not built: run npm run build:web"})`,
    `  S3         ${stack.s3Endpoint}   bucket ${settings.bucketName}`,
    `  DynamoDB   ${stack.dynamoEndpoint}   table ${settings.tableName}`,
    `  Admin token ${tokenWhere}`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n")}\n`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping Fleetdrop...\n`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
