/** The home page: what this is, the topics in reading order, the newest additions, link health, the data. */
import { count, dateText, shortAnnotation, shortAuthors, venue } from '../format.js';
import { type Html, html } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { byPublicationDesc } from '../model.js';
import { dataPath, entryPath, PAGES, topicPath } from '../paths.js';
import { linkSummary } from './links.js';
import { entryCount } from './parts.js';

export const NEWEST = 8;

/** A published file offered for download, with its size. */
export interface DataFile {
  name: string;
  bytes: number;
  what: string;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function newestSection(ctx: PageContext): Html {
  const { additions, entries } = ctx.model;
  const item = (entry: (typeof entries)[number], when: string) =>
    html`<li><a href="${ctx.href(entryPath(entry.id))}">${entry.title}</a> <span class="meta">${shortAuthors(entry.authors)}, ${dateText(entry)}${venue(entry) ? `, ${venue(entry)}` : ''}</span>${when ? html` <span class="added">added ${when}</span>` : ''}</li>`;
  // Entries carry the date they joined virtbib in `added`; a dataset without any shows the most recently
  // published works instead, under a heading that says so.
  if (additions.length > 0)
    return html`<section aria-labelledby="newest-heading">
<h2 id="newest-heading">Newest additions</h2>
<ul class="compact">${additions.slice(0, NEWEST).map(({ entry, added }) => item(entry, added))}</ul>
<p><a href="${ctx.href(PAGES.feed)}">Follow new entries with the Atom feed</a>.</p>
</section>`;
  return html`<section aria-labelledby="newest-heading">
<h2 id="newest-heading">Most recently published</h2>
<ul class="compact">${[...entries]
    .sort(byPublicationDesc)
    .slice(0, NEWEST)
    .map((entry) => item(entry, ''))}</ul>
</section>`;
}

export function homePage(ctx: PageContext, files: readonly DataFile[]): string {
  const { model } = ctx;
  const { entries, topics, dataset } = model;
  const years = entries.flatMap((e) => (e.year === undefined ? [] : [e.year]));
  const corrections = entries.reduce((n, e) => n + (e.provenance.corrections?.length ?? 0), 0);
  const withDoi = entries.filter((e) => e.doi).length;
  const withOpenQuestions = entries.filter((e) => e.unverified).length;
  const report = model.linkReport;
  const main = html`<h1>virtbib <span class="tagline">a bibliography of virtualization research</span></h1>
<p class="lead">${entryCount(entries.length)} of virtualization research, from hypervisors and hardware support to I/O, cloud networking, microVMs and confidential computing${years.length > 0 ? html`, published from ${Math.min(...years)} to ${Math.max(...years)}` : ''}, in ${count(topics.length, 'topic')} with an order to read them in. Titles, author lists, venues and DOIs are checked against bibliographic records, and what could not be checked is marked unverified on the entry, never guessed (${count(withDoi, 'entry', 'entries')} with a DOI; ${count(corrections, 'correction')} of other lists recorded; ${count(withOpenQuestions, 'entry', 'entries')} with a field still unverified). Each entry says in a few sentences why to read it.</p>
<form class="big-search" role="search" aria-label="Search the bibliography" action="${ctx.href(PAGES.search)}" method="get">
<label for="home-q">Search by title, author, venue, year or topic</label>
<div class="search-row"><input id="home-q" name="q" type="search" autocomplete="off"><button type="submit">Search</button></div>
</form>
<section aria-labelledby="topics-heading" id="topics">
<h2 id="topics-heading">Topics, in reading order</h2>
<ol class="topics">${topics.map(
    (topic) =>
      html`<li${topic.entries.length === 0 ? html` class="empty"` : ''}><a href="${ctx.href(topicPath(topic.id))}">${topic.title}</a> <span class="count">${topic.entries.length === 0 ? 'no entries yet' : entryCount(topic.entries.length)}</span><p>${shortAnnotation(topic.description, 180)}</p></li>\n`,
  )}</ol>
<p>See also the <a href="${ctx.href(PAGES.timeline)}">timeline of entries by year</a> and the <a href="${ctx.href(PAGES.notes)}">notes</a>.</p>
</section>
${newestSection(ctx)}
<section aria-labelledby="links-heading">
<h2 id="links-heading">Link health</h2>
${
  report
    ? html`<p>${linkSummary(report)} <a href="${ctx.href(PAGES.links)}">Every link and DOI by state and host</a>.</p>`
    : html`<p>No link check report was given to this build. <a href="${ctx.href(PAGES.links)}">How to add one</a>.</p>`
}
</section>
<section aria-labelledby="data-heading" id="data">
<h2 id="data-heading">Get the data</h2>
<p>The bibliography is the npm package <a href="https://www.npmjs.com/package/${dataset.name}"><code>${dataset.name}</code></a> (version ${dataset.version}, licensed ${dataset.license}): a typed module for Node.js and every format a reference manager reads.</p>
<pre><code>npm install ${dataset.name}</code></pre>
<pre><code>import { entriesByTopic, getEntry } from '${dataset.name}';</code></pre>
<p>Or download the files of this version:</p>
<ul class="files">${files.map(
    (file) =>
      html`<li><a href="${ctx.href(dataPath(file.name))}" download>${file.name}</a> <span class="meta">${file.what}, ${kilobytes(file.bytes)}</span></li>`,
  )}</ul>
</section>`;
  return page(ctx, {
    title: 'virtbib: a bibliography of virtualization research',
    description: `A curated, verified and annotated bibliography of virtualization research: ${entryCount(entries.length)} in ${count(topics.length, 'topic')}, with citations in BibTeX, RIS and CSL-JSON.`,
    section: 'home',
    main,
  });
}
