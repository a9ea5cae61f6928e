import { type Rule, validEntries } from '../rule.js';

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

export const relatedSymmetric: Rule = {
  code: 'related-symmetric',
  description:
    'Relations are stated on both sides (a journal version names its conference version and back).',
  fixable: false,
  check(dataset, report) {
    const byId = new Map(validEntries(dataset).map((e) => [e.entry.id, e.entry]));
    for (const { source, entry } of validEntries(dataset)) {
      entry.related?.forEach((rel, i) => {
        const other = byId.get(rel.id);
        if (!other || other.id === entry.id) return;
        const back = other.related?.find((r) => r.id === entry.id);
        const expected = INVERSE[rel.relation] ?? [];
        if (!back || !expected.includes(back.relation))
          report({
            at: { source, path: ['related', i] },
            message: `"${rel.id}" does not relate back to "${entry.id}" as ${expected.join(' or ')}.`,
            hint: `Add { id: ${entry.id}, relation: ${expected[0]} } to the related list of ${rel.id}.`,
          });
      });
    }
  },
};
