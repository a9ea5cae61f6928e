/** One page per topic: its description and its entries in the order to read them. */
import type { PublishedTopic } from '@virtbib/data';
import { html } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { PAGES, topicDataPath } from '../paths.js';
import { entryCount, entryItem } from './parts.js';

/** `downloads`: whether the data package publishes this topic's files (topics/<id>.bib, .ris, .json). */
export function topicPage(ctx: PageContext, topic: PublishedTopic, downloads = true): string {
  const entries = topic.entries.flatMap((id) => ctx.model.entry(id) ?? []);
  const files =
    downloads && entries.length > 0
      ? html`<p class="downloads">This topic’s entries as <a href="${ctx.href(topicDataPath(topic.id, 'bib'))}" download>BibTeX</a>, <a href="${ctx.href(topicDataPath(topic.id, 'ris'))}" download>RIS</a> or <a href="${ctx.href(topicDataPath(topic.id, 'json'))}" download>CSL-JSON</a>.</p>`
      : '';
  const main = html`<h1>${topic.title}</h1>
<p class="lead">${topic.description}</p>
<p class="meta">${entryCount(entries.length)}, in the order to read them. <a href="${ctx.href(`${PAGES.search}?topic=${encodeURIComponent(topic.id)}`)}">Search within this topic</a>.</p>
${files}
${
  entries.length > 0
    ? html`<ol class="reading-order">${entries.map((entry) => html`<li>${entryItem(ctx, entry, { headingLevel: 2, anchor: true })}</li>\n`)}</ol>`
    : html`<p class="empty">No entries yet. Suggest one: see <a href="${ctx.model.config.repositoryUrl}/blob/main/CONTRIBUTING.md">how to contribute</a>.</p>`
}`;
  return page(ctx, {
    title: topic.title,
    description: `${topic.title}: ${entryCount(entries.length)} on virtualization research in reading order, annotated. ${topic.description}`,
    section: 'topics',
    main,
    breadcrumbs: [
      ['Home', PAGES.home],
      ['Topics', `${PAGES.home}#topics`],
    ],
  });
}
