import type { LinkClass } from '../results/codes.js';
import { count, describe } from '../results/messages.js';
import { printable } from '../results/printable.js';
import type { LinkReport } from '../results/report.js';
import type { LinkResult, Source } from '../types.js';

const SECTIONS: { title: string; classes: LinkClass[]; intro: string }[] = [
  {
    title: 'Broken',
    classes: ['broken'],
    intro: 'These links are dead. Replace them or add an archived copy.',
  },
  {
    title: 'Failing (timeouts and errors)',
    classes: ['timeout', 'error'],
    intro: 'These links failed on every retry, in enough runs in a row to count.',
  },
  { title: 'Invalid', classes: ['invalid'], intro: 'These are not checkable URLs.' },
  {
    title: 'Suspect',
    classes: ['suspect'],
    intro:
      'These failed, but not yet in enough runs in a row; they are reported as broken if they keep failing.',
  },
  {
    title: 'Blocked (unverifiable)',
    classes: ['blocked'],
    intro: 'These sites answered with bot protection or rate limits: not dead, but not verified either.',
  },
];

/**
 * A Markdown report for a tracking issue: what to fix first, then what to watch. The issue is public and
 * its text comes from URLs and servers that anyone can write: every cell is escaped, so that what it
 * holds shows as written and can add no link, image, HTML or mention of its own.
 */
export function* formatMarkdownChunks(
  report: LinkReport,
  sourceUrl?: (source: Source) => string,
): Generator<string, void, undefined> {
  const s = report.summary;
  const shards = report.shards.length > 0 ? ` (shards ${escapeText(report.shards.join(', '))})` : '';
  yield [
    `## Link check: ${s.failing > 0 ? `${s.failing} failing` : 'no failing links'}${s.suspect > 0 ? `, ${s.suspect} suspect` : ''}`,
    '',
    `Checked ${count(s.total, 'URL')} on ${escapeText(report.generatedAt.slice(0, 10))} in ${(report.durationMs / 1000).toFixed(1)} s` +
      `${shards}; a link counts as broken after ${count(report.minFailures, 'failing run')} in a row.`,
    '',
    '| ok | redirected | broken | timeout or error | invalid | suspect | blocked | skipped |',
    '| --: | --: | --: | --: | --: | --: | --: | --: |',
    `| ${s.ok} | ${s.redirected} | ${s.broken} | ${s.timeout + s.error} | ${s.invalid} | ${s.suspect} | ${s.blocked} | ${s.skipped} |`,
    '',
  ].join('\n');
  const places = (result: LinkResult) =>
    result.sources.map((source) => place(source, sourceUrl)).join('<br>');
  for (const section of SECTIONS) {
    const rows = report.results.filter((r) => section.classes.includes(r.class));
    if (rows.length === 0) continue;
    // Long lists of unverifiable links fold away; what needs fixing stays open.
    const fold = section.classes.includes('blocked') && rows.length > 10;
    yield `\n### ${section.title} (${rows.length})\n\n${section.intro}\n\n`;
    if (fold) yield '<details><summary>Show the list</summary>\n\n';
    yield '| URL | code | where | detail |\n| --- | --- | --- | --- |\n';
    for (const r of rows)
      yield `| ${link(r.url)} | ${codeSpan(r.code)}${r.status ? ` (${r.status})` : ''} | ${places(r)} | ${escapeText(describe(r).message)} |\n`;
    if (fold) yield '\n</details>\n';
  }
  const updates = report.results.filter((r) => r.suggestion?.reason === 'permanent-redirect');
  if (updates.length > 0) {
    yield `\n### Suggested updates (${updates.length})\n\nThese URLs redirect permanently; write the new address instead.\n\n`;
    yield '| URL | replace with | where |\n| --- | --- | --- |\n';
    for (const r of updates) yield `| ${link(r.url)} | ${link(r.suggestion!.url)} | ${places(r)} |\n`;
  }
  const archived = report.results.filter((r) => r.suggestion?.reason === 'archived-copy');
  if (archived.length > 0) {
    yield `\n### Archived copies (${archived.length})\n\nThese broken links have a copy in the Wayback Machine; add it as \`urls.archived\` (\`virtbib check --fix\` does) and keep the original URL.\n\n`;
    yield '| URL | archived copy | where |\n| --- | --- | --- |\n';
    for (const r of archived) yield `| ${link(r.url)} | ${link(r.suggestion!.url)} | ${places(r)} |\n`;
  }
}

function place(source: Source, sourceUrl: ((source: Source) => string) | undefined): string {
  const text = codeSpan(`${source.file}:${source.line}`);
  return sourceUrl ? `[${text}](${destination(sourceUrl(source))})` : text;
}

/** A URL as a link whose text is the URL itself, verbatim; anything that is not a web URL, as code. */
function link(url: string): string {
  let href: string | undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href;
  } catch {}
  return href === undefined ? codeSpan(url) : `[${codeSpan(url)}](${destination(href)})`;
}

/**
 * A link destination: `<...>` holding only characters that can end neither it nor the table cell, every
 * other one percent-encoded (WHATWG URLs are ASCII already, with spaces and quotes encoded by the parser).
 */
function destination(href: string): string {
  return `<${href.replace(/[^A-Za-z0-9\-._~:/?#@$&*+,;=%]/gu, percentEncoded)}>`;
}

function percentEncoded(character: string): string {
  return [...Buffer.from(character)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/**
 * Text shown literally as code: a backtick fence longer than any run of backticks inside, padded, with
 * the table's pipes escaped (GitHub splits cells before it reads code spans).
 */
function codeSpan(text: string): string {
  const shown = printable(text);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${shown.replace(/\|/g, '\\|')} ${fence}`;
}

/**
 * Prose: every ASCII punctuation character backslash-escaped (no emphasis, link, image, HTML, table
 * pipe or math can start), and mentions broken with a zero-width space so that nobody is notified.
 */
function escapeText(text: string): string {
  return printable(text)
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '\\$&')
    .replace(/@/g, '@&#8203;');
}
