/** One upload's phase as a bar and words: bytes, rate and time left while sending. */
import { formatBytes, formatDuration, formatRate } from "../lib/format.ts";
import type { UploadProgress } from "../upload/run-upload.ts";

export function progressText(progress: UploadProgress): string {
  switch (progress.phase) {
    case "hashing":
      return `Hashing ${formatBytes(progress.done)} of ${formatBytes(progress.total)}`;
    case "declaring":
      return "Declaring the upload…";
    case "sending": {
      const percent = Math.floor((progress.sent / progress.total) * 100);
      const eta = Number.isFinite(progress.eta) ? `, ${formatDuration(progress.eta)} left` : "";
      const rate = progress.rate > 0 ? ` · ${formatRate(progress.rate)}${eta}` : "";
      return `Sending ${formatBytes(progress.sent)} of ${formatBytes(progress.total)} (${percent}%)${rate}`;
    }
    case "verifying":
      return `Sent ${formatBytes(progress.total)} (100%). Waiting for the server to verify it…`;
  }
}

export function ProgressLine({ progress, label = "Upload progress" }: { progress: UploadProgress; label?: string }) {
  const [value, max] =
    progress.phase === "hashing"
      ? [progress.done, progress.total]
      : progress.phase === "sending"
        ? [progress.sent, progress.total]
        : progress.phase === "verifying"
          ? [1, 1]
          : [0, 1];
  return (
    <div className="progress">
      <progress aria-label={label} max={max} value={value} />
      <p className="small" data-testid="progress-text">
        {progressText(progress)}
      </p>
    </div>
  );
}
