import type { DatasetRule } from '../../rule.js';

export const relatedExists: DatasetRule = {
  code: 'related-exists',
  description: 'Related entries exist and are not the entry itself.',
  fixable: false,
  scope: 'dataset',
  check(index, report, skip) {
    for (const entry of index.entries) {
      const digest = entry.digest;
      digest.related?.forEach((rel, i) => {
        if (rel.id !== digest.id && index.byId.has(rel.id)) return;
        const at = { source: entry.source, path: ['related', i, 'id'] };
        if (rel.id === digest.id)
          report({
            at,
            message: 'An entry cannot relate to itself.',
            hint: 'Point `related` at the ID of another entry in entries/.',
          });
        else if (!index.byId.has(rel.id)) {
          const file = index.unloaded.get(rel.id);
          if (file) skip(at, rel.id, file);
          else
            report({
              at,
              message: `Entry "${rel.id}" does not exist.`,
              hint: 'Point `related` at the ID of another entry in entries/.',
            });
        }
      });
    }
  },
};
