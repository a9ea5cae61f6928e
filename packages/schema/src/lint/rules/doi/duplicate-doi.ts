import { normalizeDoi } from '../../../doi.js';
import type { EntryDigest } from '../../dataset-index.js';
import type { DatasetRule } from '../../rule.js';

interface Cited {
  doi: string;
  /** The DOI as compared: normalized. */
  key: string;
  path: (string | number)[];
  primary: boolean;
}

interface Owner {
  id: string;
  primary: boolean;
}

const NONE: Cited[] = [];

function doisOf(entry: EntryDigest): Cited[] {
  if (!entry.doi && !entry.alternateDois) return NONE;
  const dois: Cited[] = entry.doi
    ? [{ doi: entry.doi, key: normalizeDoi(entry.doi), path: ['doi'], primary: true }]
    : [];
  entry.alternateDois?.forEach((doi, i) => {
    dois.push({ doi, key: normalizeDoi(doi), path: ['alternateDois', i], primary: false });
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
    // One pass to find each DOI's owners (most have one, so no list is made for them), one to report.
    const cited = index.entries.map(({ digest }) => doisOf(digest));
    const owners = new Map<string, Owner | Owner[]>();
    index.entries.forEach(({ digest }, e) => {
      for (const { key, primary } of cited[e]!) {
        const owner = { id: digest.id, primary };
        const found = owners.get(key);
        if (found === undefined) owners.set(key, owner);
        else if (Array.isArray(found)) found.push(owner);
        else owners.set(key, [found, owner]);
      }
    });
    index.entries.forEach(({ source, digest }, e) => {
      for (const { doi, key, path } of cited[e]!) {
        const found = owners.get(key);
        if (!Array.isArray(found)) continue;
        const others = found.filter((o) => o.id !== digest.id);
        if (others.length === 0) continue;
        const named = others.map((o) => `${o.primary ? 'the DOI' : 'an alternate DOI'} of entry "${o.id}"`);
        report({
          at: { source, path },
          message: `DOI ${doi} is also ${named.join(' and ')}.`,
          hint: 'One work, one entry: merge the two, or fix the DOI that points at the wrong work.',
        });
      }
    });
  },
};
