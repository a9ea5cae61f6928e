import { isSecondaryAggregator } from '../../record-hosts.js';
import type { EntryRule } from '../../rule.js';

export const verifiedWithPrimary: EntryRule = {
  code: 'verified-with-primary',
  description:
    'provenance.verifiedWith names at least one primary record (publisher, venue, DBLP, DOI registry, institution), not only aggregators.',
  fixable: false,
  scope: 'entry',
  fields: ['provenance'],
  check({ source, entry }, report) {
    const records = entry.provenance.verifiedWith ?? [];
    if (records.length === 0) {
      report({
        at: { source, path: ['provenance'], target: 'key' },
        message: 'The entry names no record its facts were checked against.',
        hint: 'Add provenance.verifiedWith with the primary record you checked: the venue or publisher page, DBLP, the DOI registry or the institution repository.',
      });
    } else if (records.every(isSecondaryAggregator)) {
      report({
        at: { source, path: ['provenance', 'verifiedWith'], target: 'key' },
        message: `verifiedWith lists only secondary aggregators (${records.length === 1 ? 'one record' : `${records.length} records`}): they are leads, not evidence.`,
        hint: 'Check the facts against a primary record (the venue or publisher page, DBLP, the DOI registry, the institution repository) and add it.',
      });
    }
  },
};
