/** The link checker as a library: `virtbib check` is a thin shell over these. */
export { isPrivateAddress } from './address.js';
export { CODES, LINK_CLASSES, type LinkClass, type LinkCode } from './codes.js';
export { type CheckConfig, CONFIG_FILE, findConfig, loadConfig, validateConfig } from './config.js';
export { checkLinks, LinkChecker, type OnResult } from './engine.js';
export { History, type StateFile, type UrlHistory } from './history/index.js';
export { describe } from './messages.js';
export { type CheckOptions, DEFAULTS, type ExcludeRule, type HostOptions } from './options.js';
export { Progress } from './progress.js';
export {
  buildReport,
  exitCodeOf,
  type LinkReport,
  mergeReports,
  parseReport,
  type Summary,
} from './report.js';
export { REPORT_FORMATS, type ReportFormat, render, renderChunks } from './reporters/index.js';
export { RUN_DEFAULTS, type RunOptions, type RunOutcome, runCheck } from './run.js';
export { parseShard, type Shard, shardOf } from './shard.js';
export {
  datasetInputs,
  documentFiles,
  htmlInputs,
  markdownInputs,
  readInputs,
  urlListInputs,
} from './sources/index.js';
export type { Hop, LinkInput, LinkResult, Source, Suggestion } from './types.js';
