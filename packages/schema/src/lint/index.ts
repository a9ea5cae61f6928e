import type { Severity } from '../diagnostic.js';
import type { Rule } from './rule.js';
import { canonicalFormat } from './rules/canonical-format.js';
import { doiFormat } from './rules/doi-format.js';
import { doiPlaceholder } from './rules/doi-placeholder.js';
import { duplicateDoi } from './rules/duplicate-doi.js';
import { duplicateTitle } from './rules/duplicate-title.js';
import { filenameId } from './rules/filename-id.js';
import { idFormat } from './rules/id-format.js';
import { isbnChecksum } from './rules/isbn-checksum.js';
import { noteLinkExists } from './rules/note-link-exists.js';
import { peerReviewFlag } from './rules/peer-review-flag.js';
import { readingOrder } from './rules/reading-order.js';
import { readingOrderComplete } from './rules/reading-order-complete.js';
import { relatedExists } from './rules/related-exists.js';
import { relatedSymmetric } from './rules/related-symmetric.js';
import { topicExists } from './rules/topic-exists.js';
import { uniqueId } from './rules/unique-id.js';
import { unverifiedExplained } from './rules/unverified-explained.js';
import { urlFormat } from './rules/url-format.js';
import { urlHttps } from './rules/url-https.js';
import { verifiedWithPrimary } from './rules/verified-with-primary.js';
import { yearRange } from './rules/year-range.js';

/** Every lint rule with its severity, in one table. */
export const rules: readonly { rule: Rule; severity: Severity }[] = [
  { rule: uniqueId, severity: 'error' },
  { rule: filenameId, severity: 'error' },
  { rule: idFormat, severity: 'error' },
  { rule: doiFormat, severity: 'error' },
  { rule: doiPlaceholder, severity: 'error' },
  { rule: isbnChecksum, severity: 'error' },
  { rule: yearRange, severity: 'error' },
  { rule: urlFormat, severity: 'error' },
  { rule: urlHttps, severity: 'warning' },
  { rule: duplicateDoi, severity: 'error' },
  { rule: duplicateTitle, severity: 'error' },
  { rule: topicExists, severity: 'error' },
  { rule: readingOrder, severity: 'error' },
  { rule: readingOrderComplete, severity: 'warning' },
  { rule: relatedExists, severity: 'error' },
  { rule: relatedSymmetric, severity: 'warning' },
  { rule: noteLinkExists, severity: 'error' },
  { rule: verifiedWithPrimary, severity: 'warning' },
  { rule: unverifiedExplained, severity: 'warning' },
  { rule: peerReviewFlag, severity: 'warning' },
  { rule: canonicalFormat, severity: 'error' },
];

export type {
  Dataset,
  DatasetRule,
  EntryFile,
  EntryRule,
  FileRule,
  Location,
  Report,
  ReportFn,
  Rule,
  SkipFn,
} from './rule.js';
