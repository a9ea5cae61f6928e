import type { DatasetRule } from '../../rule.js';

export const noteLinkExists: DatasetRule = {
  code: 'note-link-exists',
  description: 'Every entry a note links to exists.',
  fixable: false,
  scope: 'dataset',
  check(index, report, skip) {
    for (const note of index.notes) {
      for (const { id, path } of note.digest.links) {
        if (index.byId.has(id)) continue;
        const at = { source: note.source, path };
        const file = index.unloaded.get(id);
        if (file) skip(at, id, file);
        else
          report({
            at,
            message: `Entry "${id}" does not exist.`,
            hint: 'Link to the ID of an entry in entries/, or add the entry first.',
          });
      }
    }
  },
};
