import type { HostPolicy } from '../setup/options.js';
import type { Permit } from './scheduler.js';

/** Adaptive backoff after a 429 or 503: starts here, doubles on each further one, halves on success. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Everything the run knows about one host, in one place: its limits, what is queued for it, when it may
 * be asked again, and whether it refuses HEAD. The scheduler reads it; responses update it.
 */
export class HostState<Item> {
  active = 0;
  /** URLs not yet started, in input order. */
  readonly fresh: Item[] = [];
  freshHead = 0;
  /** Requests of URLs already under way (retries, redirect hops): they go first, so that started URLs
   * finish and stream out before new ones begin. */
  readonly continuations: ((permit: Permit) => void)[] = [];
  /** Earliest start of the next request, from the request interval. */
  notBefore = 0;
  /** Set by Retry-After or adaptive backoff: no request to the host before then. */
  pausedUntil = 0;
  /** Extra spacing while the host is pushing back; 0 when it is not. */
  backoff = 0;
  /** Once a host refuses HEAD (405, 501, or lets it hang), its other URLs go straight to GET. */
  headRefused = false;
  inRing = false;
  timer: NodeJS.Timeout | undefined;
  timerAt = 0;

  constructor(
    readonly name: string,
    readonly policy: HostPolicy,
  ) {}

  /** A host that pushes back is asked one request at a time until it recovers. */
  get limit(): number {
    return this.backoff > 0 ? 1 : this.policy.concurrency;
  }

  get queued(): number {
    return this.continuations.length + this.fresh.length - this.freshHead;
  }

  earliestStart(): number {
    return Math.max(this.notBefore, this.pausedUntil);
  }

  started(now: number): void {
    this.active++;
    this.notBefore = now + this.policy.interval + this.backoff;
  }

  takeFresh(): Item | undefined {
    if (this.freshHead >= this.fresh.length) return undefined;
    const item = this.fresh[this.freshHead];
    this.fresh[this.freshHead++] = undefined as Item;
    // Compact now and then so that a long queue does not keep its consumed prefix alive.
    if (this.freshHead > 1024 && this.freshHead * 2 > this.fresh.length) {
      this.fresh.splice(0, this.freshHead);
      this.freshHead = 0;
    }
    return item;
  }

  /** A 429 or 503: wait what the server asked for, or an adaptive backoff when it did not say. */
  pushedBack(now: number, retryAfterMs: number | undefined): void {
    this.backoff = Math.min(this.backoff > 0 ? this.backoff * 2 : FIRST_BACKOFF_MS, MAX_BACKOFF_MS);
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? this.backoff));
  }

  succeeded(): void {
    if (this.backoff > 0) this.backoff = this.backoff / 2 < FIRST_BACKOFF_MS / 4 ? 0 : this.backoff / 2;
  }
}
