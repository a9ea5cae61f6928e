import { type AbortLike, sleep } from '../links/http/abort.js';

/**
 * Politeness for one registry host: at most `concurrency` requests in flight and at least `interval` ms
 * between request starts. The interval can be raised while running, from the rate-limit headers the
 * registry sends (Crossref: x-rate-limit-limit requests per x-rate-limit-interval), but never past
 * `maxInterval`: a header is input like any other, and `x-rate-limit-interval: 99999999s` must not stall
 * the run. Every wait ends when the run stops.
 */
export class RateGate {
  private active = 0;
  private nextStart = 0;
  private readonly waiting: { resolve: () => void }[] = [];

  constructor(
    private readonly concurrency: number,
    public interval: number,
    private readonly maxInterval: number,
  ) {}

  async acquire(signal?: AbortLike): Promise<void> {
    if (this.active >= this.concurrency) await this.queue(signal);
    this.active++;
    const now = Date.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.interval;
    if (start > now)
      try {
        await sleep(start - now, signal);
      } catch (error) {
        this.release();
        throw error;
      }
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.resolve();
  }

  /** A 429 or 503 that said when to come back: no request to the host before then, capped. */
  pauseFor(ms: number): void {
    this.nextStart = Math.max(this.nextStart, Date.now() + Math.min(ms, this.maxInterval));
  }

  /** Reads `x-rate-limit-limit: 50` and `x-rate-limit-interval: 1s` and slows down to match. */
  learn(headers: Record<string, string | string[] | undefined>): void {
    const limit = Number(headers['x-rate-limit-limit']);
    const interval = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(headers['x-rate-limit-interval'] ?? '').trim());
    if (!(limit > 0) || !interval) return;
    const unit = interval[2] === 'ms' ? 1 : interval[2] === 'm' ? 60_000 : 1000;
    const spacing = (Number(interval[1]) * unit) / limit;
    if (Number.isFinite(spacing))
      this.interval = Math.min(Math.max(this.interval, Math.ceil(spacing)), this.maxInterval);
  }

  private queue(signal: AbortLike | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index !== -1) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }
}
