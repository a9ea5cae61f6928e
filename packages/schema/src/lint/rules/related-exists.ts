import { type Rule, validEntries } from '../rule.js';

export const relatedExists: Rule = {
  code: 'related-exists',
  description: 'Related entries exist and are not the entry itself.',
  fixable: false,
  check(dataset, report) {
    const entries = validEntries(dataset);
    const ids = new Set(entries.map((e) => e.entry.id));
    for (const { source, entry } of entries) {
      entry.related?.forEach((rel, i) => {
        if (rel.id === entry.id || !ids.has(rel.id))
          report({
            at: { source, path: ['related', i, 'id'] },
            message:
              rel.id === entry.id ? 'An entry cannot relate to itself.' : `Entry "${rel.id}" does not exist.`,
            hint: 'Point `related` at the ID of another entry in entries/.',
          });
      });
    }
  },
};
