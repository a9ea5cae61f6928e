export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 <= i <= n); throws a message with the expected form. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new Error(`"${text}" is not a shard: write i/n with 1 <= i <= n, e.g. 2/4`);
  return { index, count };
}

/**
 * The shard (1-based) a URL belongs to: a hash of its host name, so that all the URLs of a host land in
 * the same shard (its politeness limits stay in one process) and the split is the same on every run and
 * every machine. URLs without a host go to shard 1.
 */
export function shardOf(url: string, count: number): number {
  let hostname = '';
  try {
    hostname = new URL(url.trim()).hostname.toLowerCase();
  } catch {}
  if (!hostname) return 1;
  // FNV-1a, 32 bit: tiny, stable, and spreads similar names well.
  let hash = 0x811c9dc5;
  for (let i = 0; i < hostname.length; i++) {
    hash ^= hostname.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}
