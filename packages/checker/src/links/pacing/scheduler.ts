import type { AbortLike } from '../http/abort.js';
import { RunAbortedError } from '../http/errors.js';
import type { HostPolicy } from '../setup/options.js';
import { HostState } from './host-state.js';

/** The right to send one request; release it when the response has been read. */
export interface Permit {
  readonly host: HostState<unknown>;
  released: boolean;
}

/**
 * Decides which request goes next. A global limit caps requests in flight; each host has its own limit,
 * request interval and backoff. Hosts that can start take turns (round robin), so a slow or throttled
 * host never holds up the others. URLs wait as plain items until a slot is free, so a queue of 100,000
 * URLs costs memory for the items only, not for 100,000 suspended checks.
 */
export class Scheduler<Item> {
  private active = 0;
  private readonly hosts = new Map<string, HostState<Item>>();
  private ring: HostState<Item>[] = [];
  private ringHead = 0;
  private pumping = false;
  private pumpAgain = false;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly policyFor: (hostname: string) => HostPolicy,
    /** Called with a permit already held when a fresh item's turn comes. */
    private readonly start: (item: Item, permit: Permit) => void,
  ) {}

  host(name: string): HostState<Item> {
    let host = this.hosts.get(name);
    if (!host) {
      host = new HostState<Item>(name, this.policyFor(name));
      this.hosts.set(name, host);
    }
    return host;
  }

  /** Queues a URL that has not started; `start` is called when its first request may go. */
  add(hostname: string, item: Item): void {
    const host = this.host(hostname);
    host.fresh.push(item);
    this.wake(host);
    this.pump();
  }

  /** Waits for the right to send a further request of a URL already under way. */
  acquire(hostname: string, signal?: AbortLike): Promise<Permit> {
    if (this.closed) return Promise.reject(new RunAbortedError('the run was stopped'));
    const host = this.host(hostname);
    return new Promise<Permit>((resolve, reject) => {
      const grant = (permit: Permit) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(permit);
      };
      const onAbort = () => {
        const index = host.continuations.indexOf(grant);
        if (index !== -1) host.continuations.splice(index, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      host.continuations.push(grant);
      this.wake(host);
      this.pump();
    });
  }

  release(permit: Permit): void {
    if (permit.released) return;
    permit.released = true;
    this.active--;
    const host = permit.host as HostState<Item>;
    host.active--;
    this.wake(host);
    this.pump();
  }

  /** Stops the run: returns the items that never started; further acquires fail. */
  close(): Item[] {
    this.closed = true;
    const left: Item[] = [];
    for (const host of this.hosts.values()) {
      clearTimeout(host.timer);
      host.timer = undefined;
      for (let item = host.takeFresh(); item !== undefined; item = host.takeFresh()) left.push(item);
    }
    return left;
  }

  /** Puts a host in the ring if it could start a request now, or sets a timer for when it can. */
  private wake(host: HostState<Item>): void {
    if (this.closed || host.inRing || host.queued === 0 || host.active >= host.limit) return;
    const now = Date.now();
    const at = host.earliestStart();
    if (at <= now) {
      host.inRing = true;
      this.ring.push(host);
      return;
    }
    if (host.timer && host.timerAt <= at) return;
    clearTimeout(host.timer);
    host.timerAt = at;
    host.timer = setTimeout(() => {
      host.timer = undefined;
      this.wake(host);
      this.pump();
    }, at - now);
  }

  private pump(): void {
    // Starting an item runs caller code, which may release or acquire: re-entry only flags another pass.
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (this.active < this.limit && this.ringHead < this.ring.length) {
          const host = this.ring[this.ringHead++]!;
          host.inRing = false;
          if (this.ringHead > 256 && this.ringHead * 2 > this.ring.length) {
            this.ring = this.ring.slice(this.ringHead);
            this.ringHead = 0;
          }
          if (host.queued === 0 || host.active >= host.limit) continue;
          const now = Date.now();
          if (host.earliestStart() > now) {
            this.wake(host);
            continue;
          }
          this.active++;
          host.started(now);
          const permit: Permit = { host, released: false };
          const continuation = host.continuations.shift();
          if (continuation) continuation(permit);
          else this.start(host.takeFresh()!, permit);
          this.wake(host);
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }
}
