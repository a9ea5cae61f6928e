import type { Rule } from '../rule.js';
import { validEntries } from '../rule.js';

export const noteLinkExists: Rule = {
  code: 'note-link-exists',
  description: 'Every entry a note links to exists.',
  fixable: false,
  check(dataset, report) {
    const ids = new Set(validEntries(dataset).map((e) => e.entry.id));
    for (const note of dataset.notes) {
      if (!note.valid) continue;
      note.data.sections.forEach((section, s) => {
        section.items.forEach((item, i) => {
          item.entries.forEach((id, k) => {
            if (!ids.has(id))
              report({
                at: { source: note.source, path: ['sections', s, 'items', i, 'entries', k] },
                message: `Entry "${id}" does not exist.`,
                hint: 'Link to the ID of an entry in entries/, or add the entry first.',
              });
          });
        });
      });
    }
  },
};
