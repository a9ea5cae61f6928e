import type { Abort } from './abort.js';
import type { ResolvedOptions } from './options.js';
import type { Pools } from './pools.js';
import type { Scheduler } from './scheduler.js';
import type { Source } from './types.js';

/** A URL waiting for its turn: what the scheduler queues. */
export interface Item {
  key: string;
  url: URL;
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
