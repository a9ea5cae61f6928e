import { SHARD } from './report-shape.js';

/**
 * Checks that a set of reports are shards of one split that can be merged. The same shard twice (the
 * same file given twice, or two runs of one shard) would count its links twice: that is an error,
 * returned as text. Shards missing from a split, or shards of different splits, make a merged report
 * that silently covers less than it seems to: those are warnings.
 */
export function checkShards(reports: readonly { name: string; shards: readonly string[] }[]): {
  error?: string;
  warnings: string[];
} {
  const seen = new Map<string, string>();
  const bySplit = new Map<number, Set<number>>();
  for (const { name, shards } of reports)
    for (const shard of shards) {
      const other = seen.get(shard);
      if (other !== undefined)
        return {
          error: `${other} and ${name} both hold shard ${shard}; give each shard once (its links would count twice).`,
          warnings: [],
        };
      seen.set(shard, name);
      const [, index, count] = SHARD.exec(shard)!;
      const present = bySplit.get(Number(count)) ?? new Set<number>();
      present.add(Number(index));
      bySplit.set(Number(count), present);
    }
  const warnings: string[] = [];
  if (bySplit.size > 1)
    warnings.push(
      `the reports come from different splits (${[...bySplit.keys()].map((n) => `into ${n}`).join(', ')}); the merged report may miss or repeat hosts`,
    );
  for (const [count, present] of bySplit) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
    if (missing.length > 0)
      warnings.push(
        `${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: the merged report covers ${present.size} of ${count} shards`,
      );
  }
  return { warnings };
}
