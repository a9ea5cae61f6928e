import type { Severity } from '../diagnostics/diagnostic.js';
import type { Rule } from './rule.js';
import { doiFormat } from './rules/doi/doi-format.js';
import { doiPlaceholder } from './rules/doi/doi-placeholder.js';
import { duplicateDoi } from './rules/doi/duplicate-doi.js';
import { canonicalFormat } from './rules/fields/canonical-format.js';
import { duplicateTitle } from './rules/fields/duplicate-title.js';
import { isbnChecksum } from './rules/fields/isbn-checksum.js';
import { yearRange } from './rules/fields/year-range.js';
import { filenameId } from './rules/identity/filename-id.js';
import { idFormat } from './rules/identity/id-format.js';
import { uniqueId } from './rules/identity/unique-id.js';
import { peerReviewFlag } from './rules/provenance/peer-review-flag.js';
import { unverifiedExplained } from './rules/provenance/unverified-explained.js';
import { verifiedWithPrimary } from './rules/provenance/verified-with-primary.js';
import { noteLinkExists } from './rules/references/note-link-exists.js';
import { readingOrder } from './rules/references/reading-order.js';
import { readingOrderComplete } from './rules/references/reading-order-complete.js';
import { relatedExists } from './rules/references/related-exists.js';
import { relatedSymmetric } from './rules/references/related-symmetric.js';
import { topicExists } from './rules/references/topic-exists.js';
import { urlFormat } from './rules/urls/url-format.js';
import { urlHttps } from './rules/urls/url-https.js';

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
