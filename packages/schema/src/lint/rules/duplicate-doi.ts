import { normalizeDoi } from '../../doi.js';
import type { EntryDigest } from '../dataset-index.js';
import type { DatasetRule } from '../rule.js';

interface Cited {
  doi: string;
  path: (string | number)[];
  primary: boolean;
}

function doisOf(entry: EntryDigest): Cited[] {
  const dois: Cited[] = entry.doi ? [{ doi: entry.doi, path: ['doi'], primary: true }] : [];
  entry.alternateDois?.forEach((doi, i) => {
    dois.push({ doi, path: ['alternateDois', i], primary: false });
  });
  return dois;
}

/**
 * Every entry that shares a DOI is reported, each naming the others: which one introduced the duplicate is
 * not knowable from the files, and in a pull request the finding must show on the file the change touched.
 */
export const duplicateDoi: DatasetRule = {
  code: 'duplicate-doi',
  description: 'No DOI (primary or alternate) belongs to two entries.',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    const owners = new Map<string, { id: string; primary: boolean }[]>();
    for (const { digest } of index.entries)
      for (const { doi, primary } of doisOf(digest)) {
        const key = normalizeDoi(doi);
        const list = owners.get(key);
        if (list) list.push({ id: digest.id, primary });
        else owners.set(key, [{ id: digest.id, primary }]);
      }
    for (const { source, digest } of index.entries)
      for (const { doi, path } of doisOf(digest)) {
        const others = owners.get(normalizeDoi(doi))!.filter((o) => o.id !== digest.id);
        if (others.length === 0) continue;
        const named = others.map((o) => `${o.primary ? 'the DOI' : 'an alternate DOI'} of entry "${o.id}"`);
        report({
          at: { source, path },
          message: `DOI ${doi} is also ${named.join(' and ')}.`,
          hint: 'One work, one entry: merge the two, or fix the DOI that points at the wrong work.',
        });
      }
  },
};
