import { type Rule, validEntries } from '../rule.js';

export const uniqueId: Rule = {
  code: 'unique-id',
  description: 'No two entries share an ID.',
  fixable: false,
  check(dataset, report) {
    const first = new Map<string, string>();
    for (const { source, entry } of validEntries(dataset)) {
      const seen = first.get(entry.id);
      if (seen === undefined) first.set(entry.id, source.file);
      else
        report({
          at: { source, path: ['id'] },
          message: `ID "${entry.id}" is already used by ${seen}.`,
          hint: 'IDs are citation keys and must be unique: add a suffix (e.g. "-tocs") to the newer entry.',
        });
    }
  },
};
