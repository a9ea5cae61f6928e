import { EXIT_FAILING_CLASSES } from '../results/codes.js';
import { count, describe } from '../results/messages.js';
import { printable } from '../results/printable.js';
import type { LinkReport } from '../results/report.js';
import type { LinkResult } from '../types.js';

/**
 * Workflow commands for GitHub Actions: one annotation per place a URL is written, on its file and line.
 * Failures are errors; suspects and URLs to update are warnings; bot-protected links are notices. Text
 * from elsewhere goes through `printable` before the command encoding, so that it cannot end the command
 * and start a forged one on a new line.
 */
export function* formatGithubChunks(report: LinkReport): Generator<string, void, undefined> {
  for (const result of report.results) {
    const level = levelOf(result);
    if (!level) continue;
    const suggestion = result.suggestion
      ? ` ${result.suggestion.reason === 'archived-copy' ? 'Archived copy' : 'Suggested'}: ${printable(result.suggestion.url)}`
      : '';
    const annotation = (about: LinkResult) => {
      const { message, hint } = describe(about);
      return `${printable(result.url)}: ${printable(message)}${suggestion}${hint ? `\n${hint}` : ''}`;
    };
    const title = `${result.class} ${result.code}`;
    const places = result.sources.length > 0 ? result.sources : [undefined];
    for (const source of places) {
      // A DOI cited by several entries: each entry's file gets only its own mismatches, and an entry
      // that agrees with the registry gets nothing.
      let text: string;
      if (source && result.mismatches?.some((m) => m.file !== undefined)) {
        const own = result.mismatches.filter((m) => m.file === source.file);
        if (own.length === 0) continue;
        text = annotation({ ...result, mismatches: own });
      } else text = annotation(result);
      const props = source
        ? `file=${property(printable(source.file))},line=${source.line}${source.column ? `,col=${source.column}` : ''},title=${property(title)}`
        : `title=${property(title)}`;
      yield `::${level} ${props}::${data(text)}\n`;
    }
  }
  const s = report.summary;
  yield `virtbib check: ${count(s.total, 'URL')}, ${s.failing} failing, ${s.suspect} suspect, ${s.blocked} blocked\n`;
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
