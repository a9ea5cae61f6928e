import type { DatasetRule } from '../rule.js';

export const uniqueId: DatasetRule = {
  code: 'unique-id',
  description: 'No two entries share an ID.',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    const first = new Map<string, string>();
    for (const { source, digest } of index.entries) {
      const seen = first.get(digest.id);
      if (seen === undefined) first.set(digest.id, source.file);
      else
        report({
          at: { source, path: ['id'] },
          message: `ID "${digest.id}" is already used by ${seen}.`,
          hint: 'IDs are citation keys and must be unique: add a suffix (e.g. "-tocs") to the newer entry.',
        });
    }
  },
};
