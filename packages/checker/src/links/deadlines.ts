/**
 * Something with a deadline: it is called once `at` (a Date.now() time) has passed. The objects that
 * guard a URL or a request carry their own deadline, so that watching one allocates nothing.
 */
export interface Deadline {
  at: number;
  /** Set while watched; cleared when it expires or is cleared. */
  watched?: boolean;
  expire(): void;
}

/**
 * The deadlines of a run (each URL's budget, each request's headers and body), checked together by one
 * timer that ticks while any is pending. A timer of their own per URL and per request (two or three
 * Timeout objects and closures for every URL) cost the engine a measurable share of its time on a fast
 * network. Here watching is a push onto an array and clearing is a flag: the array is compacted at each
 * tick, which costs nothing per deadline (a Set's churn of additions and deletions did).
 *
 * The price is precision: a deadline fires up to one tick late, and the tick is a twentieth of the
 * shortest timeout (at most 250 ms), so 5% of any wait.
 */
export class Deadlines {
  private pending: Deadline[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly tick: number;

  constructor(shortestTimeout: number) {
    this.tick = Math.min(250, Math.max(5, Math.floor(shortestTimeout / 20)));
  }

  /** Watches `deadline`, `ms` from now (again, if it was watched before). */
  watch(deadline: Deadline, ms: number): void {
    deadline.at = Date.now() + ms;
    deadline.watched = true;
    this.pending.push(deadline);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.tick);
      // The run's sockets and promises keep the process alive while it works; this timer alone must not.
      this.timer.unref();
    }
  }

  /** Stops watching it (what it guards is done). */
  clear(deadline: Deadline): void {
    deadline.watched = false;
  }

  /** Stops watching everything (the run is over). */
  close(): void {
    for (const deadline of this.pending) deadline.watched = false;
    this.pending = [];
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sweep(): void {
    const now = Date.now();
    const due: Deadline[] = [];
    let kept = 0;
    // Compacted in place. A deadline watched twice (a request's headers, then its body) stands twice in
    // the list until a sweep: its first entry expires it, the second is dropped as no longer watched.
    for (const deadline of this.pending) {
      if (!deadline.watched) continue;
      if (deadline.at <= now) {
        deadline.watched = false;
        due.push(deadline);
      } else this.pending[kept++] = deadline;
    }
    this.pending.length = kept;
    if (kept === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    // Called after the list is consistent: an expiry may watch or clear others.
    for (const deadline of due) deadline.expire();
  }
}
