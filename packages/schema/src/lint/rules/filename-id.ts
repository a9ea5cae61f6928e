import { basename } from 'node:path';
import { type Rule, validEntries } from '../rule.js';

export const filenameId: Rule = {
  code: 'filename-id',
  description: 'An entry file is named after its ID: entries/<id>.yaml.',
  fixable: false,
  check(dataset, report) {
    for (const { source, entry } of validEntries(dataset)) {
      const name = basename(source.file).replace(/\.yaml$/, '');
      if (name !== entry.id)
        report({
          at: { source, path: ['id'] },
          message: `File name "${name}" differs from the ID "${entry.id}".`,
          hint: `Rename the file to entries/${entry.id}.yaml, or correct the ID (published IDs never change).`,
        });
    }
  },
};
