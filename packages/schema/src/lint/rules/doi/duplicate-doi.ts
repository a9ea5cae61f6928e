import { normalizeDoi } from '../../../doi.js';
import type { EntryDigest } from '../../dataset-index.js';
import type { DatasetRule } from '../../rule.js';

interface Owner {
  id: string;
  primary: boolean;
}

/** Calls `visit` with each DOI of the entry (primary first), its normalized key and its path. */
function forEachDoi(
  entry: EntryDigest,
  visit: (doi: string, key: string, path: (string | number)[] | undefined, primary: boolean) => void,
  withPath: boolean,
): void {
  if (entry.doi) visit(entry.doi, normalizeDoi(entry.doi), withPath ? ['doi'] : undefined, true);
  const alternates = entry.alternateDois;
  if (alternates)
    for (let i = 0; i < alternates.length; i++)
      visit(alternates[i]!, normalizeDoi(alternates[i]!), withPath ? ['alternateDois', i] : undefined, false);
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
    // One pass finds each DOI's owners. Nearly every DOI has one, kept as the owning entry's position
    // alone; a list is made only for a DOI met twice, and only the entries on such lists are visited again.
    const entries = index.entries;
    const owners = new Map<string, number | Owner[]>();
    const involved = new Set<number>();
    for (let e = 0; e < entries.length; e++) {
      const digest = entries[e]!.digest;
      if (!digest.doi && !digest.alternateDois) continue;
      forEachDoi(
        digest,
        (_doi, key, _path, primary) => {
          const found = owners.get(key);
          if (found === undefined) {
            owners.set(key, primary ? -(e + 1) : e + 1);
            return;
          }
          let list: Owner[];
          if (typeof found === 'number') {
            const first = Math.abs(found) - 1;
            list = [{ id: entries[first]!.digest.id, primary: found < 0 }];
            involved.add(first);
            owners.set(key, list);
          } else list = found;
          list.push({ id: digest.id, primary });
          involved.add(e);
        },
        false,
      );
    }
    // Reported entry by entry, DOI by DOI, in the order of the index.
    for (const e of [...involved].sort((a, b) => a - b)) {
      const { source, digest } = entries[e]!;
      forEachDoi(
        digest,
        (doi, key, path) => {
          const found = owners.get(key);
          if (!Array.isArray(found)) return;
          const others = found.filter((o) => o.id !== digest.id);
          if (others.length === 0) return;
          const named = others.map((o) => `${o.primary ? 'the DOI' : 'an alternate DOI'} of entry "${o.id}"`);
          report({
            at: { source, path: path! },
            message: `DOI ${doi} is also ${named.join(' and ')}.`,
            hint: 'One work, one entry: merge the two, or fix the DOI that points at the wrong work.',
          });
        },
        true,
      );
    }
  },
};
