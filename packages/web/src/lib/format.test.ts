import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatRate, formatRelative, shortSha } from "./format.ts";

describe("format", () => {
  it("gives sizes in binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.0 KiB");
    expect(formatBytes(30 * 1024 * 1024)).toBe("30.0 MiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
    expect(formatBytes(150 * 1024 ** 2)).toBe("150 MiB");
    expect(formatBytes(-1)).toBe("–");
    expect(formatRate(2 * 1024 * 1024)).toBe("2.0 MiB/s");
  });

  it("gives durations in seconds, minutes and hours", () => {
    expect(formatDuration(4.4)).toBe("4 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(3900)).toBe("1 h 05 min");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("–");
  });

  it("gives times relative to now", () => {
    const now = new Date("2026-11-25T12:00:00.000Z");
    expect(formatRelative(null, now)).toBe("never");
    expect(formatRelative("2026-11-25T11:59:30.000Z", now)).toBe("just now");
    expect(formatRelative("2026-11-25T11:55:00.000Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-11-25T09:00:00.000Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-11-24T12:00:00.000Z", now)).toBe("1 day ago");
    expect(formatRelative("2026-11-20T12:00:00.000Z", now)).toBe("5 days ago");
    expect(formatRelative("not a time", now)).toBe("–");
  });

  it("shortens a sha256 to 12 characters", () => {
    expect(shortSha("0123456789abcdef".repeat(4))).toBe("0123456789ab");
  });
});
