/** One bad request and the error it must get. */
export interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The exact message, or what it must match: at least the field at fault, in our wording. */
  message: string | RegExp;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A validation message about `name`: "Invalid request: <name>: <problem>." */
export const field = (name: string) => new RegExp(`^Invalid request: ${escaped(name)}: \\w[^;]*\\.$`);
