import type { LookupFunction } from 'node:net';
import { Pool } from 'undici';
import { bareHostname } from './url.js';

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

  for(url: URL): Pool {
    // The origin of an http(s) URL, built from cheaper getters than url.origin.
    const origin = `${url.protocol}//${url.host}`;
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        // One connection per request the host may have in flight; the scheduler enforces the limit.
        connections: this.settings.connectionsFor(bareHostname(url)),
        pipelining: 1,
        connect: { timeout: this.settings.connectTimeout, lookup: this.settings.lookup },
        keepAliveTimeout: 10_000,
      });
      this.pools.set(origin, pool);
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
