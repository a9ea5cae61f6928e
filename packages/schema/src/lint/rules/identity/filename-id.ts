import type { EntryRule } from '../../rule.js';

export const filenameId: EntryRule = {
  code: 'filename-id',
  description: 'An entry file is named after its ID: entries/<id>.yaml.',
  fixable: false,
  scope: 'entry',
  fields: ['id'],
  check({ source, entry }, report) {
    // A .yml name is reported as such (file-extension); its stem is still the ID. The stem is compared in
    // place, and cut out only to be reported.
    const file = source.file;
    const from = file.lastIndexOf('/') + 1;
    const to = file.length - (file.endsWith('.yaml') ? 5 : file.endsWith('.yml') ? 4 : 0);
    if (to - from === entry.id.length && file.startsWith(entry.id, from)) return;
    const name = file.slice(from, to);
    if (name !== entry.id)
      report({
        at: { source, path: ['id'] },
        message: `File name "${name}" differs from the ID "${entry.id}".`,
        hint: `Rename the file to entries/${entry.id}.yaml, or correct the ID (published IDs never change).`,
      });
  },
};
