export { checkSchema } from './checking/schema-check.js';
export type { FileKind } from './checking/schema-order.js';
export {
  compareDiagnostics,
  type Diagnostic,
  type NotChecked,
  type Severity,
  summarize,
} from './diagnostics/diagnostic.js';
export { createLocator, type Locator, locate } from './diagnostics/locate.js';
export {
  displayPrefix,
  formatGithub,
  formatJson,
  formatText,
  REPORTERS,
  type ReporterName,
} from './diagnostics/reporters.js';
export { normalizeDoi } from './doi.js';
export { ConcurrentModificationError, UsageError, WriteError } from './errors.js';
export { type AtomicFs, removeStaleTemporaries, TEMPORARY_NAME, writeFileAtomic } from './files/atomic.js';
export {
  datasetDirProblem,
  isDatasetDir,
  LAYOUT,
  listDatasetFiles,
  loadDataset,
  loadFile,
  removeDatasetTemporaries,
  toDataset,
} from './files/dataset.js';
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
export type * from './types.generated.js';
export {
  type ValidateOptions,
  type ValidateResult,
  type ValidateSummary,
  validateDataset,
} from './validate.js';
export { findLayoutProblem, findOrderProblem, formatYaml, toCanonicalYaml } from './yaml/format.js';
export { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES, readSource, type SourceFile, textOf } from './yaml/source.js';
