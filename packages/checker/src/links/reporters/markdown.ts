import type { LinkClass } from '../codes.js';
import { describe } from '../messages.js';
import type { LinkReport } from '../report.js';
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

/** A Markdown report for a tracking issue: what to fix first, then what to watch. */
export function formatMarkdown(report: LinkReport, sourceUrl?: (source: Source) => string): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(
    `## Link check: ${s.failing > 0 ? `${s.failing} failing` : 'no failing links'}${s.suspect > 0 ? `, ${s.suspect} suspect` : ''}`,
    '',
    `Checked ${s.total} URLs on ${report.generatedAt.slice(0, 10)} in ${(report.durationMs / 1000).toFixed(1)} s` +
      `${report.shards.length > 0 ? ` (shards ${report.shards.join(', ')})` : ''}; a link counts as broken after ` +
      `${report.minFailures} failing run(s) in a row.`,
    '',
    '| ok | redirected | broken | timeout or error | invalid | suspect | blocked | skipped |',
    '| --: | --: | --: | --: | --: | --: | --: | --: |',
    `| ${s.ok} | ${s.redirected} | ${s.broken} | ${s.timeout + s.error} | ${s.invalid} | ${s.suspect} | ${s.blocked} | ${s.skipped} |`,
  );
  const place = (source: Source) => {
    const text = `${source.file}:${source.line}`;
    return sourceUrl ? `[\`${text}\`](${sourceUrl(source)})` : `\`${text}\``;
  };
  for (const section of SECTIONS) {
    const rows = report.results.filter((r) => section.classes.includes(r.class));
    if (rows.length === 0) continue;
    out.push('', `### ${section.title} (${rows.length})`, '', section.intro, '');
    const table = [
      '| URL | code | where | detail |',
      '| --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${cell(r.url)} | \`${r.code}\`${r.status ? ` (${r.status})` : ''} | ${r.sources.map(place).join('<br>')} | ${cell(detail(r))} |`,
      ),
    ];
    // Long lists of unverifiable links fold away; what needs fixing stays open.
    if (section.classes.includes('blocked') && rows.length > 10)
      out.push('<details><summary>Show the list</summary>', '', ...table, '', '</details>');
    else out.push(...table);
  }
  const updates = report.results.filter((r) => r.suggestion);
  if (updates.length > 0) {
    out.push(
      '',
      `### Suggested updates (${updates.length})`,
      '',
      'These URLs redirect permanently; write the new address instead.',
      '',
      '| URL | replace with | where |',
      '| --- | --- | --- |',
      ...updates.map(
        (r) => `| ${cell(r.url)} | ${cell(r.suggestion!.url)} | ${r.sources.map(place).join('<br>')} |`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function detail(result: LinkResult): string {
  return describe(result).message;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
