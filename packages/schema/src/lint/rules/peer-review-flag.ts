import type { Entry } from '../../types.generated.js';
import { type Rule, validEntries } from '../rule.js';

/** Types that are not peer reviewed by their nature: a reader must not mistake them for papers. */
const UNREVIEWED_TYPES: ReadonlySet<Entry['type']> = new Set([
  'post',
  'post-weblog',
  'software',
  'speech',
  'webpage',
]);

export const peerReviewFlag: Rule = {
  code: 'peer-review-flag',
  description: 'Talks, web pages, posts and software say `peerReviewed: false`.',
  fixable: false,
  check(dataset, report) {
    for (const { source, entry } of validEntries(dataset)) {
      if (UNREVIEWED_TYPES.has(entry.type) && entry.peerReviewed !== false)
        report({
          at: { source, path: entry.peerReviewed === undefined ? ['type'] : ['peerReviewed'] },
          message: `A ${entry.type} entry is not peer reviewed, but it does not say so.`,
          hint: 'Add `peerReviewed: false`, so readers and the site can tell it from a reviewed paper.',
        });
    }
  },
};
