/**
 * Something with a deadline: it is called once `at` (a Date.now() time) has passed. The objects that
 * guard a URL or a request carry their own deadline, so that watching one allocates nothing.
 */
export interface Deadline {
  at: number;
  /**
   * Where it stands in the watched list, or -1 (or absent) when not watched. Kept by Deadlines: it is how
   * clearing finds it without a search.
   */
  slot?: number;
  expire(): void;
}

/**
 * The deadlines of a run (each URL's budget, each request's headers and body), checked together by one
 * timer that ticks while any is pending. A timer of their own per URL and per request (two or three
 * Timeout objects and closures for every URL) cost the engine a measurable share of its time on a fast
 * network. Here watching is a push onto an array and clearing moves the last deadline into the cleared
 * one's place: both constant time, with nothing allocated.
 *
 * Clearing lets go of the deadline at once. An earlier version only flagged it and dropped it at the next
 * tick; a request's deadline is its handler, which holds the request, its headers and its promise, so
 * every request stayed reachable for up to a tick after it ended, long enough to outlive a young-generation
 * collection and be copied into the old generation, where it lay as garbage until a full collection. At
 * 100k URLs that was about half of the checker's peak memory (bench/links.bench.mjs).
 *
 * The price of one timer is precision: a deadline fires up to one tick late, and the tick is a twentieth
 * of the shortest timeout (at most 250 ms), so 5% of any wait.
 */
export class Deadlines {
  private pending: Deadline[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly tick: number;

  constructor(shortestTimeout: number) {
    this.tick = Math.min(250, Math.max(5, Math.floor(shortestTimeout / 20)));
  }

  /** Watches `deadline`, `ms` from now (a deadline watched already gets the new time). */
  watch(deadline: Deadline, ms: number): void {
    deadline.at = Date.now() + ms;
    if (isWatched(deadline)) return;
    deadline.slot = this.pending.length;
    this.pending.push(deadline);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.tick);
      // The run's sockets and promises keep the process alive while it works; this timer alone must not.
      this.timer.unref();
    }
  }

  /** Stops watching it (what it guards is done). */
  clear(deadline: Deadline): void {
    if (!isWatched(deadline)) return;
    this.remove(deadline.slot!);
    deadline.slot = -1;
  }

  /** Whether it is watched. */
  has(deadline: Deadline): boolean {
    return isWatched(deadline);
  }

  /** How many deadlines are watched. */
  get size(): number {
    return this.pending.length;
  }

  /** Stops watching everything (the run is over). */
  close(): void {
    for (const deadline of this.pending) deadline.slot = -1;
    this.pending = [];
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes the deadline at `slot` out of the list, moving the last one into its place. */
  private remove(slot: number): void {
    const last = this.pending.pop()!;
    if (slot < this.pending.length) {
      this.pending[slot] = last;
      last.slot = slot;
    }
  }

  private sweep(): void {
    const now = Date.now();
    const due: Deadline[] = [];
    // From the end, so that the deadline moved into a freed slot has been looked at already.
    for (let slot = this.pending.length - 1; slot >= 0; slot--) {
      const deadline = this.pending[slot]!;
      if (deadline.at > now) continue;
      this.remove(slot);
      deadline.slot = -1;
      due.push(deadline);
    }
    if (this.pending.length === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    // Called after the list is consistent: an expiry may watch or clear others.
    for (const deadline of due) deadline.expire();
  }
}

function isWatched(deadline: Deadline): boolean {
  return deadline.slot !== undefined && deadline.slot >= 0;
}
