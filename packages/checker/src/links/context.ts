import type { Abort } from './abort.js';
import type { ResolvedOptions } from './options.js';
import type { Pools } from './pools.js';
import type { Scheduler } from './scheduler.js';
import type { Source } from './types.js';

/**
 * A URL waiting for its turn: what the scheduler queues. It holds the key (the URL as checked), not a
 * parsed URL: a queue of a million URLs would keep a million URL objects (~350 bytes each) alive for
 * nothing; the URL is parsed again when its check starts.
 */
export interface Item {
  key: string;
  hostname: string;
  sources: Source[];
}

/** What a check needs from the run it belongs to. */
export interface RunContext {
  options: ResolvedOptions;
  scheduler: Scheduler<Item>;
  pools: Pools;
  /** The controllers of the URLs under way, aborted together when the run's budget runs out. */
  inFlight: Set<Abort>;
}
