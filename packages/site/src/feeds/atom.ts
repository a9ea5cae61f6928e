/**
 * The Atom feed of additions: the entries with an `added` date (when they joined virtbib), newest first.
 * Entries without one predate the feed and are left out. The feed's own date is that of its newest entry,
 * so that the same data gives the same bytes; with no dated entry it is the Unix epoch, which readers show
 * as "never updated".
 */
import { dateText, nameList, typeLabel, venue } from '../format.js';
import { escapeHtml } from '../html/html.js';
import type { SiteModel } from '../model.js';
import { entryPath, PAGES } from '../paths.js';

export const FEED_SIZE = 50;

const xml = escapeHtml; // the five XML escapes are the same as the HTML ones

export function atomFeed(model: SiteModel): string {
  const { siteUrl } = model.config;
  const items = model.additions.slice(0, FEED_SIZE);
  const updated = items[0] ? `${items[0].added}T00:00:00Z` : '1970-01-01T00:00:00Z';
  const entries = items.map(({ entry, added }) => {
    const url = `${siteUrl}${entryPath(entry.id)}`;
    const where = venue(entry);
    const summary = `${nameList(entry.authors, 8)}. ${dateText(entry)}${where ? `, ${where}` : ''} (${typeLabel(entry.type)}). ${entry.annotation}`;
    return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(entry.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <updated>${added}T00:00:00Z</updated>
    <published>${added}T00:00:00Z</published>
${entry.authors.map((a) => `    <author><name>${xml(nameList([a]))}</name></author>\n`).join('')}${model
  .topicsOf(entry)
  .map((t) => `    <category term="${xml(t.id)}" label="${xml(t.title)}"/>\n`)
  .join('')}    <summary>${xml(summary)}</summary>
  </entry>
`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(siteUrl)}</id>
  <title>virtbib: new entries</title>
  <subtitle>Additions to virtbib, a curated bibliography of virtualization research (data version ${xml(model.dataset.version)}).</subtitle>
  <link rel="self" type="application/atom+xml" href="${xml(`${siteUrl}${PAGES.feed}`)}"/>
  <link rel="alternate" type="text/html" href="${xml(siteUrl)}"/>
  <updated>${updated}</updated>
  <author><name>virtbib</name></author>
  <rights>Data licensed CC BY 4.0</rights>
${entries.join('')}</feed>
`;
}
