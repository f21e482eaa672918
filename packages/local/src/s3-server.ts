/** The S3-compatible stand-in (@20minutes/s3rver), storing objects under <dataDir>/s3. */
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

export interface S3Server {
  endpoint: string;
  onEvent(listener: (event: unknown) => void): void;
  close(): Promise<void>;
}

/** The bucket's CORS rule for browser uploads (the dashboard's presigned POST), as on AWS. */
export function corsConfiguration(origins: string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join("");
  const rule = `${allowed}<AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader>`;
  const extra = "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3600</MaxAgeSeconds>";
  return `<CORSConfiguration><CORSRule>${rule}${extra}</CORSRule></CORSConfiguration>`;
}

export async function startS3Server(options: {
  dataDir: string;
  host: string;
  port: number;
  bucketName: string;
  corsOrigins?: string[];
}): Promise<S3Server> {
  const cors = options.corsOrigins?.length ? [corsConfiguration(options.corsOrigins)] : [];
  const server = new S3rver({
    address: options.host,
    port: options.port,
    directory: join(options.dataDir, "s3"),
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucketName, configs: cors }],
  });
  const address = await server.run();
  return {
    endpoint: `http://${options.host}:${address.port}`,
    onEvent: (listener) => server.on("event", listener),
    close: () => server.close(),
  };
}
