import { has } from '../../dataset-index.js';
import type { DatasetRule } from '../../rule.js';

/** The relation the other side should state back. */
const INVERSE: Record<string, readonly string[]> = {
  'conference-version': ['journal-version', 'extended-version'],
  'journal-version': ['conference-version'],
  'extended-version': ['conference-version', 'prior-work'],
  'thesis-version': ['thesis-version', 'prior-work', 'follow-up'],
  'follow-up': ['prior-work'],
  'prior-work': ['follow-up', 'extended-version', 'thesis-version'],
  'same-project': ['same-project'],
};

export const relatedSymmetric: DatasetRule = {
  code: 'related-symmetric',
  description:
    'Relations are stated on both sides (a journal version names its conference version and back).',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    // The source is asked for only to report: for a clean dataset it is never made (see LazyEntry).
    for (const entry of index.entries) {
      const digest = entry.digest;
      digest.related?.forEach((rel, i) => {
        const other = index.byId.get(rel.id);
        // A missing entry is related-exists' finding; a broken `related` on the other side cannot be read.
        if (!other || other.digest.id === digest.id || !has(other.digest, 'related')) return;
        const back = other.digest.related?.find((r) => r.id === digest.id);
        const expected = INVERSE[rel.relation] ?? [];
        if (!back || !expected.includes(back.relation))
          report({
            at: { source: entry.source, path: ['related', i] },
            message: `"${rel.id}" does not relate back to "${digest.id}" as ${expected.join(' or ')}.`,
            hint: `Add { id: ${digest.id}, relation: ${expected[0]} } to the related list of ${rel.id}.`,
          });
      });
    }
  },
};
