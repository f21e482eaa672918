/**
 * The ordering rule: per machine, the upload declared last (the greatest uploadId, which sorts in
 * issue order) among those that complete wins.
 */
export type Decision = "activate" | "already-current" | "superseded";

export function decide(currentUploadId: string | undefined, candidateUploadId: string): Decision {
  if (currentUploadId === undefined || currentUploadId < candidateUploadId) return "activate";
  if (currentUploadId === candidateUploadId) return "already-current";
  return "superseded";
}
