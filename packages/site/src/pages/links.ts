/** Link health: the state of every URL and DOI at the last `virtbib check`, per state and per host. */
import type { PublishedEntry } from '@virtbib/data';
import { LINK_CLASSES, type LinkClass, type LinkReport, type LinkResult } from '../data/link-report.js';
import { count } from '../format.js';
import { type Html, html } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { entryPath, PAGES } from '../paths.js';
import { doiUrl, entryLinks, stateWords, webUrl } from './parts.js';

const CLASS_TITLES: Record<LinkClass, string> = {
  broken: 'Broken',
  invalid: 'Invalid',
  error: 'Failed with an error',
  timeout: 'Timed out',
  suspect: 'Failing, not yet broken',
  blocked: 'Could not be checked',
  redirected: 'Redirected',
  skipped: 'Not checked',
  ok: 'Working',
};

const CLASS_HELP: Record<LinkClass, string> = {
  broken:
    'The server says the page is gone, the host name no longer exists, or a DOI is unknown or names another work.',
  invalid: 'The address is not a valid URL.',
  error: 'The server failed or the connection could not be made, repeatedly.',
  timeout: 'The server did not answer in time.',
  suspect:
    'Failed on this run but not on enough runs in a row to be called broken; it is checked again next time.',
  blocked:
    'The host answered with bot protection or a rate limit, or the DOI registry could not be reached: unknown, not dead.',
  redirected: 'Works, by way of a redirect; permanent ones should be updated to where they lead.',
  skipped: 'Excluded from checking by the configuration.',
  ok: 'Answered as expected.',
};

/** Counts per class, in the order of the checker (worst first), leaving out the classes with none. */
function tally(results: readonly LinkResult[]): [LinkClass, number][] {
  return LINK_CLASSES.map(
    (c) => [c, results.filter((r) => r.class === c).length] as [LinkClass, number],
  ).filter(([, n]) => n > 0);
}

export function linkSummary(report: LinkReport): string {
  const parts = tally(report.results).map(([c, n]) => `${n.toLocaleString('en-US')} ${stateWords(c)}`);
  return `Checked on ${report.generatedAt.slice(0, 10)}: ${count(report.results.length, 'link')} and DOIs${parts.length > 0 ? ` (${parts.join(', ')})` : ''}.`;
}

/** The host a result is about; DOIs are verified at their registry, so they are grouped on their own. */
export function hostOf(url: string): string {
  if (url.startsWith('doi:')) return 'DOIs (checked at the registry)';
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.host;
  } catch {}
  return '(not a web address)';
}

function entriesUsing(ctx: PageContext): (result: LinkResult) => PublishedEntry[] {
  const byUrl = new Map<string, PublishedEntry[]>();
  for (const entry of ctx.model.entries)
    for (const link of entryLinks(entry)) {
      const list = byUrl.get(link.checked) ?? [];
      if (!list.includes(entry)) list.push(entry);
      byUrl.set(link.checked, list);
    }
  return (result) => {
    const found = [...(byUrl.get(result.url) ?? [])];
    // URLs the dataset does not hold as links (those in verifiedWith, say) are found by their source file.
    for (const source of result.sources) {
      const id = /(?:^|\/)entries\/([^/]+)\.ya?ml$/.exec(source.file)?.[1];
      const entry = id ? ctx.model.entry(id) : undefined;
      if (entry && !found.includes(entry)) found.push(entry);
    }
    return found;
  };
}

function resultRow(ctx: PageContext, result: LinkResult, using: PublishedEntry[]): Html {
  const href = result.url.startsWith('doi:') ? doiUrl(result.url.slice(4)) : webUrl(result.url);
  return html`<tr>
<td class="url">${href ? html`<a href="${href}">${result.url}</a>` : result.url}${result.finalUrl ? html`<br><span class="meta">leads to ${result.finalUrl}</span>` : ''}</td>
<td><code>${result.code}</code>${result.status ? html` <span class="meta">HTTP ${result.status}</span>` : ''}${result.consecutiveFailures ? html`<br><span class="meta">${count(result.consecutiveFailures, 'failing run')} in a row</span>` : ''}</td>
<td>${using.length > 0 ? using.map((entry, i) => html`${i > 0 ? ', ' : ''}<a href="${ctx.href(entryPath(entry.id))}">${entry.id}</a>`) : html`<span class="meta">${result.sources.map((s) => s.file).join(', ')}</span>`}</td>
</tr>`;
}

function reportBody(ctx: PageContext, report: LinkReport): Html {
  const using = entriesUsing(ctx);
  const totals = tally(report.results);
  const byHost = new Map<string, LinkResult[]>();
  for (const result of report.results) {
    const host = hostOf(result.url);
    byHost.set(host, [...(byHost.get(host) ?? []), result]);
  }
  const rank = (results: LinkResult[]) => Math.min(...results.map((r) => LINK_CLASSES.indexOf(r.class)));
  const hosts = [...byHost.entries()].sort(
    ([a, ra], [b, rb]) => rank(ra) - rank(rb) || rb.length - ra.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  const columns = totals.map(([c]) => c);
  const minutes = report.durationMs / 60_000;
  return html`<p class="lead">Checked on <time datetime="${report.generatedAt}">${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC</time>${report.durationMs > 0 ? ` in ${minutes >= 1 ? `${minutes.toFixed(1)} minutes` : `${Math.round(report.durationMs / 1000)} s`}` : ''}. A link counts as broken after failing on ${count(report.minFailures, 'run')} in a row.</p>
<div class="table-scroll"><table class="summary">
<caption>Links and DOIs by state</caption>
<thead><tr><th scope="col">State</th><th scope="col">Links</th><th scope="col">Meaning</th></tr></thead>
<tbody>${totals.map(([c, n]) => html`<tr><th scope="row"><span class="badge state-${c}">${stateWords(c)}</span></th><td class="num">${n.toLocaleString('en-US')}</td><td>${CLASS_HELP[c]}</td></tr>`)}</tbody>
</table></div>
<h2>By host</h2>
<div class="table-scroll"><table class="hosts">
<caption>Links per host and state, hosts with problems first</caption>
<thead><tr><th scope="col">Host</th><th scope="col">Links</th>${columns.map((c) => html`<th scope="col">${stateWords(c)}</th>`)}</tr></thead>
<tbody>${hosts.map(
    ([host, results]) =>
      html`<tr><th scope="row">${host}</th><td class="num">${results.length}</td>${columns.map((c) => {
        const n = results.filter((r) => r.class === c).length;
        return html`<td class="num">${n > 0 ? n : ''}</td>`;
      })}</tr>`,
  )}</tbody>
</table></div>
${totals.map(([c]) => {
  const results = report.results.filter((r) => r.class === c);
  const table = html`<div class="table-scroll"><table class="results">
<caption>${CLASS_TITLES[c]}: ${count(results.length, 'link')}</caption>
<thead><tr><th scope="col">Address</th><th scope="col">Result</th><th scope="col">Used by</th></tr></thead>
<tbody>${results.map((r) => resultRow(ctx, r, using(r)))}</tbody>
</table></div>`;
  const heading = html`<h2 id="state-${c}">${CLASS_TITLES[c]} <span class="count">${results.length.toLocaleString('en-US')}</span></h2>`;
  // The long lists of links that work stay folded, so the problems come first.
  return c === 'ok' || c === 'redirected' || c === 'skipped'
    ? html`<section aria-labelledby="state-${c}">${heading}<details><summary>Show all ${results.length.toLocaleString('en-US')}</summary>${table}</details></section>\n`
    : html`<section aria-labelledby="state-${c}">${heading}${table}</section>\n`;
})}`;
}

export function linksPage(ctx: PageContext): string {
  const report = ctx.model.linkReport;
  const main = html`<h1>Link health</h1>
${
  report
    ? reportBody(ctx, report)
    : html`<p class="lead">No link check report was given to this build, so the state of the links is unknown here.</p>
<p>The published site is built with the report of the nightly link check. To add one to a local build:</p>
<pre><code>npx virtbib check --format json --output link-report.json
npm run build -w @virtbib/site -- --link-report link-report.json</code></pre>`
}`;
  return page(ctx, {
    title: 'Link health',
    description: 'The state of every URL and DOI of the virtbib bibliography at the last link check.',
    section: 'links',
    main,
    breadcrumbs: [['Home', PAGES.home]],
  });
}
