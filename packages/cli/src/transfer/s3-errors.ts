/** S3's error documents and the failures of the CLI's S3 requests. */
import { CliError } from "../errors.ts";
import { terminalSafe } from "../ui/safe-text.ts";

export interface S3ErrorDocument {
  code: string;
  message: string;
}

/** `<Error><Code>…</Code><Message>…</Message></Error>`: two fields, read with two expressions. */
export function parseS3Error(xml: string): S3ErrorDocument | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
  if (!code) return undefined;
  const message = /<Message>([^<]*)<\/Message>/.exec(xml)?.[1] ?? "";
  return { code: terminalSafe(unescapeXml(code)), message: terminalSafe(unescapeXml(message)) };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export class S3PostError extends CliError {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(`S3 refused the upload: ${message || code} (${status} ${code})`);
    this.status = status;
    this.code = code;
  }

  /** Worth another try: S3 asked to slow down, timed out, or failed on its side. */
  get transient(): boolean {
    return (
      this.status >= 500 || ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable"].includes(this.code)
    );
  }
}

export class S3NetworkError extends CliError {}
