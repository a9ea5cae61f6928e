import type { EntryRule } from '../../rule.js';

export const filenameId: EntryRule = {
  code: 'filename-id',
  description: 'An entry file is named after its ID: entries/<id>.yaml.',
  fixable: false,
  scope: 'entry',
  fields: ['id'],
  check({ source, entry }, report) {
    // A .yml name is reported as such (file-extension); its stem is still the ID.
    const name = source.file.slice(source.file.lastIndexOf('/') + 1).replace(/\.ya?ml$/, '');
    if (name !== entry.id)
      report({
        at: { source, path: ['id'] },
        message: `File name "${name}" differs from the ID "${entry.id}".`,
        hint: `Rename the file to entries/${entry.id}.yaml, or correct the ID (published IDs never change).`,
      });
  },
};
