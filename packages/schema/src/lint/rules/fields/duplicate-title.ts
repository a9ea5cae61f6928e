import { has, normalizeTitle } from '../../dataset-index.js';
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
    const entries = index.entries.filter(
      ({ digest }) => digest.titleKey !== undefined && has(digest, 'related'),
    );
    const related = new Set<string>();
    for (const { digest } of entries)
      for (const r of digest.related ?? []) related.add(`${digest.id} ${r.id}`);
    const first = new Map<string, string>();
    for (const { source, digest } of entries) {
      const key = digest.titleKey!;
      const other = first.get(key);
      if (other === undefined) first.set(key, digest.id);
      else if (!related.has(`${digest.id} ${other}`) && !related.has(`${other} ${digest.id}`))
        report({
          at: { source, path: ['title'] },
          message: `Same title and year as entry "${other}".`,
          hint: 'If both are versions of one work (conference and journal), relate them under `related`; otherwise merge them.',
        });
    }
  },
};
