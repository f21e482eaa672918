/** The S3-compatible stand-in (@20minutes/s3rver), storing objects under <dataDir>/s3. */
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

export interface S3Server {
  endpoint: string;
  onEvent(listener: (event: unknown) => void): void;
  close(): Promise<void>;
}

export async function startS3Server(options: { dataDir: string; host: string; port: number; bucketName: string }): Promise<S3Server> {
  const server = new S3rver({
    address: options.host,
    port: options.port,
    directory: join(options.dataDir, "s3"),
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucketName }],
  });
  const address = await server.run();
  return {
    endpoint: `http://${options.host}:${address.port}`,
    onEvent: (listener) => server.on("event", listener),
    close: () => server.close(),
  };
}
