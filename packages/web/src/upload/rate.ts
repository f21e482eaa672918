/**
 * Transfer rate over a sliding window and the time left at that rate: steadier than the last
 * interval alone, quicker to follow a change than the average since the start.
 */
export class RateMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  add(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
  }

  /** Bytes per second, or 0 until two samples span some time. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  /** Seconds until `total` at the current rate; Infinity when nothing moves yet. */
  eta(total: number): number {
    const last = this.samples[this.samples.length - 1];
    const rate = this.rate();
    if (!last || rate <= 0) return Number.POSITIVE_INFINITY;
    return Math.max(0, (total - last.bytes) / rate);
  }
}
