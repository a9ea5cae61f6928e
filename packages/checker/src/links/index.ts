/** The link checker as a library: `virtbib check` is a thin shell over these. */

export { checkLinks, LinkChecker, type OnResult } from './engine.js';
export { boundHeapGrowth, HEAP_GROWING_PERCENT } from './heap-growth.js';
export { History, type StateFile, type UrlHistory } from './history/index.js';
export { isPrivateAddress } from './http/address.js';
export { REPORT_FORMATS, type ReportFormat, render, renderChunks } from './reporters/index.js';
export { Progress } from './reporters/progress.js';
export { CODES, LINK_CLASSES, type LinkClass, type LinkCode } from './results/codes.js';
export { describe } from './results/messages.js';
export {
  buildReport,
  exitCodeOf,
  type LinkReport,
  mergeReports,
  parseReport,
  type Summary,
} from './results/report.js';
export { RUN_DEFAULTS, type RunOptions, type RunOutcome, runCheck } from './run.js';
export { type CheckConfig, CONFIG_FILE, findConfig, loadConfig, validateConfig } from './setup/config.js';
export { type CheckOptions, DEFAULTS, type ExcludeRule, type HostOptions } from './setup/options.js';
export { parseShard, type Shard, shardOf } from './setup/shard.js';
export {
  datasetInputs,
  documentFiles,
  htmlInputs,
  markdownInputs,
  readInputs,
  urlListInputs,
} from './sources/index.js';
export type { Hop, LinkInput, LinkResult, Source, Suggestion } from './types.js';
