import { has, type IndexedEntry, normalizeTitle } from '../../dataset-index.js';
import { listOf } from '../../list-of.js';
import type { DatasetRule } from '../../rule.js';

/** Kept here for the callers that import it with the rule (the checker compares titles with it). */
export { normalizeTitle };

export const duplicateTitle: DatasetRule = {
  code: 'duplicate-title',
  description:
    'No two entries have the same normalized title and year, unless they relate to each other as versions.',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    // An entry whose title, year or relations failed the schema cannot be compared fairly.
    const comparable = ({ digest }: IndexedEntry) => digest.titleKey !== undefined && has(digest, 'related');
    // The relations of every comparable entry, as "id other" pairs: needed only when two titles meet, so
    // made then, once.
    let related: Set<string> | undefined;
    const relates = (a: string, b: string) => {
      if (!related) {
        related = new Set();
        for (const entry of index.entries)
          if (comparable(entry))
            for (const r of entry.digest.related ?? []) related.add(`${entry.digest.id} ${r.id}`);
      }
      return related.has(`${a} ${b}`) || related.has(`${b} ${a}`);
    };
    // The first entry of each title and year; a group is made only for a key met again.
    const first = new Map<string, IndexedEntry>();
    const groups = new Map<string, IndexedEntry[]>();
    for (const entry of index.entries) {
      if (!comparable(entry)) continue;
      const key = entry.digest.titleKey!;
      const other = first.get(key);
      if (other === undefined) first.set(key, entry);
      else {
        const group = groups.get(key);
        if (group) group.push(entry);
        else groups.set(key, [other, entry]);
      }
    }
    if (groups.size === 0) return;
    // Every entry of a group is reported, naming the others it does not relate to: in a pull request the
    // finding must show on the file the change touched, whichever comes first.
    for (const entry of index.entries) {
      if (!comparable(entry)) continue;
      const group = groups.get(entry.digest.titleKey!);
      if (!group) continue;
      const { source, digest } = entry;
      const others = group
        .filter((o) => o !== entry && !relates(digest.id, o.digest.id))
        .map((o) => `"${o.digest.id}"`);
      if (others.length === 0) continue;
      report({
        at: { source, path: ['title'] },
        message:
          others.length === 1
            ? `Same title and year as entry ${others[0]}.`
            : `Same title and year as entries ${listOf(others)}.`,
        hint: 'If both are versions of one work (conference and journal), relate them under `related`; otherwise merge them.',
      });
    }
  },
};
