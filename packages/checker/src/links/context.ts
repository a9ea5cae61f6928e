import type { Abort } from './abort.js';
import type { Deadlines } from './deadlines.js';
import type { ResolvedOptions } from './options.js';
import type { Pools } from './pools.js';
import type { Scheduler } from './scheduler.js';
import type { Source } from './types.js';
import type { Target } from './url.js';

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
