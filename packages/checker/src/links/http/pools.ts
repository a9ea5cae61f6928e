import type { LookupFunction } from 'node:net';
import { Pool } from 'undici';
import type { Target } from './url.js';

/**
 * One undici Pool per origin, created on first use and kept alive for the run, so that the requests of a
 * host reuse a few keep-alive connections instead of opening one each.
 */
export class Pools {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly settings: {
      connectTimeout: number;
      lookup: LookupFunction;
      connectionsFor: (hostname: string) => number;
    },
  ) {}

  for(target: Target): Pool {
    let pool = this.pools.get(target.origin);
    if (!pool) {
      pool = new Pool(target.origin, {
        // One connection per request the host may have in flight; the scheduler enforces the limit.
        connections: this.settings.connectionsFor(target.hostname),
        pipelining: 1,
        connect: { timeout: this.settings.connectTimeout, lookup: this.settings.lookup },
        keepAliveTimeout: 10_000,
      });
      this.pools.set(target.origin, pool);
    }
    return pool;
  }

  /** Closes every pool without waiting for idle connections to time out. */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => {})));
  }
}
