import type { Entry } from '../../../types.generated.js';
import type { EntryRule } from '../../rule.js';

/** Types that are not peer reviewed by their nature: a reader must not mistake them for papers. */
const UNREVIEWED_TYPES: ReadonlySet<Entry['type']> = new Set([
  'post',
  'post-weblog',
  'software',
  'speech',
  'webpage',
]);

export const peerReviewFlag: EntryRule = {
  code: 'peer-review-flag',
  description: 'Talks, web pages, posts and software say `peerReviewed: false`.',
  fixable: false,
  scope: 'entry',
  fields: ['type', 'peerReviewed'],
  check({ source, entry }, report) {
    if (UNREVIEWED_TYPES.has(entry.type) && entry.peerReviewed !== false)
      report({
        at: { source, path: entry.peerReviewed === undefined ? ['type'] : ['peerReviewed'] },
        message: `A ${entry.type} entry is not peer reviewed, but it does not say so.`,
        hint: 'Add `peerReviewed: false`, so readers and the site can tell it from a reviewed paper.',
      });
  },
};
