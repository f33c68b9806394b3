/** Events per second over a sliding window, for `status()` (Prometheus derives its own rates). */
export class EventRate {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs = 10_000) {}

  record(count: number, at = Date.now()): void {
    this.samples.push({ at, count });
    this.prune(at);
  }

  perSecond(at = Date.now()): number {
    this.prune(at);
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    return total / (this.windowMs / 1000);
  }

  private prune(at: number): void {
    while (this.samples.length > 0 && this.samples[0]!.at <= at - this.windowMs) this.samples.shift();
  }
}
