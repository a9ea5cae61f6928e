import type { LinkReport } from '../report.js';
import type { Source } from '../types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'github', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  /** Turns a source into a link (Markdown); e.g. a GitHub blob URL with #L line anchor. */
  sourceUrl?: (source: Source) => string;
}

/** Renders a whole report in one of the formats. Every reporter reads the same report data. */
export function render(report: LinkReport, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report, options.sourceUrl);
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report);
    case 'text':
      return formatText(report, options.color ?? false);
  }
}

export { formatResult, formatSummary, isWorthShowing } from './text.js';
export { formatGithub, formatJson, formatJunit, formatMarkdown, formatText };
