/**
 * Something with a deadline: it is called once `at` (a Date.now() time) has passed. The objects that
 * guard a URL or a request carry their own deadline, so that watching one allocates nothing.
 */
export interface Deadline {
  at: number;
  expire(): void;
}

/**
 * The deadlines of a run (each URL's budget, each request's headers and body), checked together by one
 * timer that ticks while any is pending. A timer of their own per URL and per request (two or three
 * Timeout objects and closures for every URL) cost the engine a measurable share of its time on a fast
 * network; a deadline here is an entry in a Set. The price is precision: a deadline fires up to one tick
 * late, and the tick is a twentieth of the shortest timeout (at most 250 ms), so 5% of any wait.
 */
export class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  private readonly tick: number;

  constructor(shortestTimeout: number) {
    this.tick = Math.min(250, Math.max(5, Math.floor(shortestTimeout / 20)));
  }

  /** Watches `deadline`, `ms` from now. */
  watch(deadline: Deadline, ms: number): void {
    deadline.at = Date.now() + ms;
    this.pending.add(deadline);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.tick);
      // The run's sockets and promises keep the process alive while it works; this timer alone must not.
      this.timer.unref();
    }
  }

  /** Stops watching it (what it guards is done). */
  clear(deadline: Deadline): void {
    this.pending.delete(deadline);
  }

  /** Stops watching everything (the run is over). */
  close(): void {
    this.pending.clear();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const deadline of this.pending)
      if (deadline.at <= now) {
        this.pending.delete(deadline);
        deadline.expire();
      }
    if (this.pending.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
