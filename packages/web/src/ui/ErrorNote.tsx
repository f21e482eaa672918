import { ApiError } from "../api/client.ts";

export function describeError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401)
    return "The API no longer accepts the admin token. Sign out and sign in again.";
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNote({ error }: { error: unknown }) {
  return (
    <p role="alert" className="error">
      {describeError(error)}
    </p>
  );
}
