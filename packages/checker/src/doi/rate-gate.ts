/**
 * Politeness for one registry host: at most `concurrency` requests in flight and at least `interval` ms
 * between request starts. The interval can be raised while running, from the rate-limit headers the
 * registry sends (Crossref: x-rate-limit-limit requests per x-rate-limit-interval).
 */
export class RateGate {
  private active = 0;
  private nextStart = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    public interval: number,
  ) {}

  async acquire(): Promise<void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    const now = Date.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.interval;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  /** Reads `x-rate-limit-limit: 50` and `x-rate-limit-interval: 1s` and slows down to match. */
  learn(headers: Record<string, string | string[] | undefined>): void {
    const limit = Number(headers['x-rate-limit-limit']);
    const interval = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(headers['x-rate-limit-interval'] ?? '').trim());
    if (!(limit > 0) || !interval) return;
    const unit = interval[2] === 'ms' ? 1 : interval[2] === 'm' ? 60_000 : 1000;
    const spacing = (Number(interval[1]) * unit) / limit;
    if (Number.isFinite(spacing)) this.interval = Math.max(this.interval, Math.ceil(spacing));
  }
}
