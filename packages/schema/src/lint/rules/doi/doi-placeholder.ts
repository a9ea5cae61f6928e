import { normalizeDoi } from '../../../doi.js';
import type { EntryRule } from '../../rule.js';

/**
 * ACM's Digital Library gives works without a registered DOI an identifier under the prefix 10.5555, which
 * looks like a DOI but resolves nowhere: it is a placeholder, and carrying it as a DOI misleads every
 * consumer that builds a https://doi.org/ link from it.
 */
const PLACEHOLDER_PREFIXES = ['10.5555/'];

export const doiPlaceholder: EntryRule = {
  code: 'doi-placeholder',
  description: "Placeholder identifiers such as ACM's 10.5555/... are not DOIs and are not carried as DOIs.",
  fixable: false,
  scope: 'entry',
  fields: ['doi', 'alternateDois'],
  check({ source, entry }, report) {
    const dois: [string, (string | number)[]][] = entry.doi ? [[entry.doi, ['doi']]] : [];
    entry.alternateDois?.forEach((doi, i) => {
      dois.push([doi, ['alternateDois', i]]);
    });
    for (const [doi, path] of dois) {
      const prefix = PLACEHOLDER_PREFIXES.find((p) => normalizeDoi(doi).startsWith(p));
      if (prefix)
        report({
          at: { source, path },
          message: `"${doi}" is a placeholder identifier (${prefix}...), not a registered DOI.`,
          hint: 'Remove it. If the work has a registered DOI (check the DOI registry), use that; most USENIX papers have none.',
        });
    }
  },
};
