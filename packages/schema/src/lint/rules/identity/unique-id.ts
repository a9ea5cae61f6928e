import type { DatasetRule } from '../../rule.js';

export const uniqueId: DatasetRule = {
  code: 'unique-id',
  description: 'No two entries share an ID.',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    // The index keeps the first entry of each ID: every other entry with that ID is a duplicate.
    for (const entry of index.entries) {
      const first = index.byId.get(entry.digest.id)!;
      if (first !== entry) {
        const { source, digest } = entry;
        report({
          at: { source, path: ['id'] },
          message: `ID "${digest.id}" is already used by ${first.source.file}.`,
          hint: 'IDs are citation keys and must be unique: add a suffix (e.g. "-tocs") to the newer entry.',
        });
      }
    }
  },
};
