import { EXIT_FAILING_CLASSES } from '../codes.js';
import { describe } from '../messages.js';
import type { LinkReport } from '../report.js';
import type { LinkResult } from '../types.js';

/**
 * Workflow commands for GitHub Actions: one annotation per place a URL is written, on its file and line.
 * Failures are errors; suspects and URLs to update are warnings; bot-protected links are notices.
 */
export function formatGithub(report: LinkReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    const level = levelOf(result);
    if (!level) continue;
    const { message, hint } = describe(result);
    const text = `${result.url}: ${message}${result.suggestion ? ` Suggested: ${result.suggestion.url}` : ''}${hint ? `\n${hint}` : ''}`;
    const title = `${result.class} ${result.code}`;
    const places = result.sources.length > 0 ? result.sources : [undefined];
    for (const source of places) {
      const props = source
        ? `file=${property(source.file)},line=${source.line}${source.column ? `,col=${source.column}` : ''},title=${property(title)}`
        : `title=${property(title)}`;
      lines.push(`::${level} ${props}::${data(text)}`);
    }
  }
  const s = report.summary;
  lines.push(
    `virtbib check: ${s.total} URLs, ${s.failing} failing, ${s.suspect} suspect, ${s.blocked} blocked`,
  );
  return `${lines.join('\n')}\n`;
}

function levelOf(result: LinkResult): 'error' | 'warning' | 'notice' | undefined {
  if (EXIT_FAILING_CLASSES.has(result.class)) return 'error';
  if (result.class === 'suspect' || result.code === 'redirect-permanent') return 'warning';
  if (result.class === 'blocked') return 'notice';
  return undefined;
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
