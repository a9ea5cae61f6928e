import type { Abort } from './http/abort.js';
import type { Pools } from './http/pools.js';
import type { Target } from './http/url.js';
import type { Deadlines } from './pacing/deadlines.js';
import type { Scheduler } from './pacing/scheduler.js';
import type { ResolvedOptions } from './setup/options.js';
import type { Source } from './types.js';

/**
 * A URL waiting for its turn: what the scheduler queues. It holds strings, not a parsed URL: a queue of a
 * million URLs would keep a million URL objects (~350 bytes each) alive for nothing.
 */
export interface Item extends Target {
  /** The URL as checked: as written, without its fragment. The Target fields say what to ask. */
  key: string;
  sources: Source[];
}

/** What a check needs from the run it belongs to. */
export interface RunContext {
  options: ResolvedOptions;
  scheduler: Scheduler<Item>;
  pools: Pools;
  /** The controllers of the URLs under way, aborted together when the run's budget runs out. */
  inFlight: Set<Abort>;
  /** Every URL's budget and every request's deadlines, on one timer. */
  deadlines: Deadlines;
}
