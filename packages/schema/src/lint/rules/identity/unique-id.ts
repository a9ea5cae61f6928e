import type { IndexedEntry } from '../../dataset-index.js';
import { listOf } from '../../list-of.js';
import type { DatasetRule } from '../../rule.js';

/**
 * Every entry that shares an ID is reported, each naming the others' files: which one came first is not
 * knowable from the files, and in a pull request the finding must show on the file the change touched
 * (as duplicate-doi and duplicate-title do).
 */
export const uniqueId: DatasetRule = {
  code: 'unique-id',
  description: 'No two entries share an ID.',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    // The index knows which IDs were met again: groups are made only for those.
    if (index.repeatedIds.size === 0) return;
    const groups = new Map<string, IndexedEntry[]>();
    for (const entry of index.entries) {
      if (!index.repeatedIds.has(entry.digest.id)) continue;
      const group = groups.get(entry.digest.id);
      if (group) group.push(entry);
      else groups.set(entry.digest.id, [entry]);
    }
    for (const entry of index.entries) {
      const group = groups.get(entry.digest.id);
      if (!group) continue;
      const others = group.filter((o) => o !== entry).map((o) => o.source.file);
      report({
        at: { source: entry.source, path: ['id'] },
        message: `ID "${entry.digest.id}" is also used by ${listOf(others)}.`,
        hint: 'IDs are citation keys and must be unique: add a suffix (e.g. "-tocs") to the newer entry.',
      });
    }
  },
};
