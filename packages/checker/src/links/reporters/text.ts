import { EXIT_FAILING_CLASSES, LINK_CLASSES, type LinkClass } from '../results/codes.js';
import { count, describe } from '../results/messages.js';
import { printable } from '../results/printable.js';
import type { LinkReport } from '../results/report.js';
import type { LinkResult, Source } from '../types.js';

const COLORS = new Map<LinkClass, number>([
  ['broken', 31],
  ['invalid', 31],
  ['error', 31],
  ['timeout', 31],
  ['suspect', 33],
  ['blocked', 33],
  ['redirected', 36],
]);

/** Results a person should see: failures, suspects, blocked links and URLs to update. */
export function isWorthShowing(result: LinkResult): boolean {
  return (
    EXIT_FAILING_CLASSES.has(result.class) ||
    result.class === 'suspect' ||
    result.class === 'blocked' ||
    result.code === 'redirect-permanent'
  );
}

export function where(source: Source | undefined): string {
  if (!source) return '';
  return `${printable(source.file)}:${source.line}${source.column ? `:${source.column}` : ''}`;
}

/**
 * One result as the terminal shows it, or '' for results not worth a line. Printed as results arrive.
 * Everything that comes from elsewhere (URLs as written, server answers, registry metadata) is printed
 * through `printable`: it cannot move the cursor, recolour the terminal or forge a line.
 */
export function formatResult(result: LinkResult, color: boolean): string {
  if (!isWorthShowing(result)) return '';
  const paint = (code: number | undefined, text: string) =>
    color && code ? `\u001b[${code}m${text}\u001b[0m` : text;
  const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[0m` : text);
  const [first, ...others] = result.sources;
  const { message, hint } = describe(result);
  const lines = [
    `${first ? `${where(first)} ` : ''}${paint(COLORS.get(result.class), result.class)} ${result.code} ${printable(result.url)}`,
    `  ${printable(message)}`,
  ];
  if (result.suggestion)
    lines.push(
      `  ${result.suggestion.reason === 'archived-copy' ? 'archived copy' : 'suggestion'}: ${printable(result.suggestion.url)}`,
    );
  if (result.redirects.length > 0)
    lines.push(
      dim(
        `  redirects: ${printable(
          [...result.redirects.map((h) => `${h.url} (${h.status})`), result.finalUrl].join(' -> '),
        )}`,
      ),
    );
  if (result.detail && result.code !== 'bot-protection' && result.code !== 'excluded')
    lines.push(dim(`  detail: ${printable(result.detail)}`));
  if (hint) lines.push(dim(`  hint: ${hint}`));
  if (others.length > 0) lines.push(dim(`  also at: ${others.map(where).join(', ')}`));
  return `${lines.join('\n')}\n`;
}

/** The closing lines: counts per class and what the exit code will be. */
export function formatSummary(report: LinkReport): string {
  const s = report.summary;
  const counts = LINK_CLASSES.filter((c) => s[c] > 0)
    .map((c) => `${s[c]} ${c}`)
    .join(', ');
  const extras = [
    s.suggestions > 0 ? `${s.suggestions} to update` : '',
    s.archived > 0 ? `${count(s.archived, 'archived copy', 'archived copies')} found` : '',
    s.cached > 0 ? `${s.cached} from cache` : '',
  ].filter(Boolean);
  const seconds = (report.durationMs / 1000).toFixed(1);
  const shards =
    report.shards.length > 0
      ? ` (${report.shards.length === 1 ? 'shard' : 'shards'} ${printable(report.shards.join(', '))})`
      : '';
  return (
    `checked ${count(s.total, 'URL')} in ${seconds} s${shards} with ${count(s.requests, 'request')}: ${counts || 'nothing to check'}` +
    `${extras.length > 0 ? ` (${extras.join(', ')})` : ''}\n` +
    (s.failing > 0
      ? `${count(s.failing, 'failing link')}\n`
      : s.suspect > 0
        ? `no failing links; ${s.suspect === 1 ? '1 suspect link is reported as broken if it fails again' : `${s.suspect} suspect links are reported as broken if they fail again`}\n`
        : 'no failing links\n')
  );
}

/** The whole report as text (for reports rendered after the fact, e.g. by merge-reports). */
export function* formatTextChunks(report: LinkReport, color: boolean): Generator<string, void, undefined> {
  for (const result of report.results) {
    const text = formatResult(result, color);
    if (text) yield text;
  }
  yield formatSummary(report);
}
