export { type AtomicFs, removeStaleTemporaries, TEMPORARY_NAME, writeFileAtomic } from './atomic.js';
export {
  datasetDirProblem,
  isDatasetDir,
  LAYOUT,
  listDatasetFiles,
  loadDataset,
  loadFile,
  removeDatasetTemporaries,
  toDataset,
} from './dataset.js';
export {
  compareDiagnostics,
  type Diagnostic,
  type NotChecked,
  type Severity,
  summarize,
} from './diagnostic.js';
export { normalizeDoi } from './doi.js';
export { ConcurrentModificationError, UsageError, WriteError } from './errors.js';
export { findLayoutProblem, findOrderProblem, formatYaml, toCanonicalYaml } from './format.js';
// The lint rules' view of a dataset; `Dataset` (from the generated types) is the published document.
export type { DatasetIndex, EntryDigest } from './lint/dataset-index.js';
export { rules } from './lint/index.js';
export type {
  Dataset as LintDataset,
  DatasetRule,
  EntryFile,
  EntryRule,
  FileRule,
  Location,
  Report,
  Rule,
} from './lint/rule.js';
export { DOI_PATTERN } from './lint/rules/doi/doi-format.js';
export { normalizeTitle } from './lint/rules/fields/duplicate-title.js';
export { isValidIsbn } from './lint/rules/fields/isbn-checksum.js';
export { ID_PATTERN } from './lint/rules/identity/id-format.js';
export { entryUrls } from './lint/rules/urls/url-format.js';
export { lintDataset, type SkippedReference } from './lint/run.js';
export type { PendingFinding as LintFinding } from './lint/waivers.js';
export { createLocator, type Locator, locate } from './locate.js';
export {
  displayPrefix,
  formatGithub,
  formatJson,
  formatText,
  REPORTERS,
  type ReporterName,
} from './reporters.js';
export { checkSchema } from './schema-check.js';
export type { FileKind } from './schema-order.js';
export { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES, readSource, type SourceFile, textOf } from './source.js';
export type * from './types.generated.js';
export {
  type ValidateOptions,
  type ValidateResult,
  type ValidateSummary,
  validateDataset,
} from './validate.js';
