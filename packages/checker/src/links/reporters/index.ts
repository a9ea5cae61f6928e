import type { LinkReport } from '../results/report.js';
import type { Source } from '../types.js';
import { formatGithubChunks } from './github.js';
import { formatJsonChunks } from './json.js';
import { formatJunitChunks } from './junit.js';
import { formatMarkdownChunks } from './markdown.js';
import { formatTextChunks } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'github', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  /** Turns a source into a link (Markdown); e.g. a GitHub blob URL with #L line anchor. */
  sourceUrl?: (source: Source) => string;
}

/**
 * A report in one of the formats, in pieces: write them as they come, so that a report of millions of
 * URLs is never one string. Every reporter reads the same report data.
 */
export function renderChunks(
  report: LinkReport,
  format: ReportFormat,
  options: RenderOptions = {},
): Iterable<string> {
  switch (format) {
    case 'json':
      return formatJsonChunks(report);
    case 'markdown':
      return formatMarkdownChunks(report, options.sourceUrl);
    case 'github':
      return formatGithubChunks(report);
    case 'junit':
      return formatJunitChunks(report);
    case 'text':
      return formatTextChunks(report, options.color ?? false);
  }
}

/** A whole report as one string, for reports of ordinary size. */
export function render(report: LinkReport, format: ReportFormat, options: RenderOptions = {}): string {
  let text = '';
  for (const chunk of renderChunks(report, format, options)) text += chunk;
  return text;
}

export { formatResult, formatSummary, isWorthShowing } from './text.js';
