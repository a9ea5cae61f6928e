/**
 * Search: the form and an empty result list; the search script fills the list as you type, from the index
 * built at build time. The form also works as a plain GET form (?q=&topic=&from=&to=&type=), which is how
 * the header and home page search boxes arrive here, and how a search is shared as a link.
 */
import { typeLabel } from '../format.js';
import { html } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { PAGES } from '../paths.js';

export function searchPage(ctx: PageContext): string {
  const { model, assets } = ctx;
  const years = model.entries.flatMap((e) => (e.year === undefined ? [] : [e.year]));
  const minYear = years.length > 0 ? Math.min(...years) : undefined;
  const maxYear = years.length > 0 ? Math.max(...years) : undefined;
  const types = [...new Set(model.entries.map((e) => e.type))].sort((a, b) =>
    typeLabel(a) < typeLabel(b) ? -1 : 1,
  );
  const topics = model.topics.filter((t) => t.entries.length > 0);
  const main = html`<h1>Search</h1>
<form id="search-form" class="search-form" role="search" action="${ctx.href(PAGES.search)}" method="get">
<div class="search-row">
<label for="q" class="visually-hidden">Search by title, author, venue, year, topic or annotation</label>
<input id="q" name="q" type="search" autocomplete="off" spellcheck="false" placeholder="Title, author, venue, year, topic…" aria-describedby="search-help" aria-controls="results">
<button type="submit">Search</button>
</div>
<p id="search-help" class="help">Results appear as you type; every word must match. Press the down arrow to move to the results.</p>
<fieldset class="filters">
<legend>Filters</legend>
<div class="filter"><label for="topic">Topic</label>
<select id="topic" name="topic"><option value="">All topics</option>${topics.map((t) => html`<option value="${t.id}">${t.title}</option>`)}</select></div>
<div class="filter"><label for="from">From year</label>
<input id="from" name="from" type="number" inputmode="numeric"${minYear === undefined ? '' : html` min="${minYear}" max="${maxYear!}" placeholder="${minYear}"`}></div>
<div class="filter"><label for="to">To year</label>
<input id="to" name="to" type="number" inputmode="numeric"${maxYear === undefined ? '' : html` min="${minYear!}" max="${maxYear}" placeholder="${maxYear}"`}></div>
<div class="filter"><label for="type">Type</label>
<select id="type" name="type"><option value="">All types</option>${types.map((t) => html`<option value="${t}">${typeLabel(t)}</option>`)}</select></div>
</fieldset>
</form>
<p id="search-status" class="search-status" role="status">Loading the search index…</p>
<noscript><p>Searching needs JavaScript. Every entry is also listed under its topics on the <a href="${ctx.href(`${PAGES.home}#topics`)}">home page</a>.</p></noscript>
<ol id="results" class="results" aria-label="Search results"></ol>
<button type="button" id="more" class="more" hidden>Show more results</button>`;
  return page(ctx, {
    title: 'Search',
    description: 'Search the virtbib bibliography by title, author, venue, year, topic and annotation.',
    section: 'search',
    main,
    // In order: the library, the index it reads, the page's script.
    scripts: [assets.minisearch, assets.searchIndex, assets.searchScript],
    breadcrumbs: [['Home', PAGES.home]],
  });
}
