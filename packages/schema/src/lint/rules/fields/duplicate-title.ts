import { has, type IndexedEntry, normalizeTitle } from '../../dataset-index.js';
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
    const first = new Map<string, string>();
    for (const entry of index.entries) {
      if (!comparable(entry)) continue;
      const { source, digest } = entry;
      const key = digest.titleKey!;
      const other = first.get(key);
      if (other === undefined) first.set(key, digest.id);
      else if (!relates(digest.id, other))
        report({
          at: { source, path: ['title'] },
          message: `Same title and year as entry "${other}".`,
          hint: 'If both are versions of one work (conference and journal), relate them under `related`; otherwise merge them.',
        });
    }
  },
};
