/** Pieces several pages show: an entry in a list, its links, a link's checked state. */
import type { PublishedEntry } from '@virtbib/data';
import { count, dateText, nameList, shortAnnotation, typeLabel, venue } from '../format.js';
import { type Html, html } from '../html/html.js';
import type { PageContext } from '../layout.js';
import { peerReviewed } from '../model.js';
import { entryPath } from '../paths.js';

/** An absolute http(s) URL that may become a link; anything else in the data is shown, never linked. */
export function webUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The resolver link of a DOI, each character the URL syntax reserves percent-encoded (the slash kept). */
export function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURIComponent(doi).replace(/%2F/gi, '/')}`;
}

export const LINK_KINDS = [
  ['doi', 'DOI'],
  ['landing', 'Publisher page'],
  ['open', 'Open-access copy'],
  ['archived', 'Archived copy'],
] as const;

export interface EntryLink {
  kind: (typeof LINK_KINDS)[number][0];
  label: string;
  /** As the dataset writes it: how the link report names it (DOIs as `doi:<doi>`). */
  checked: string;
  /** The address to link, when it is a web address. */
  href: string | undefined;
  text: string;
}

export function entryLinks(entry: PublishedEntry): EntryLink[] {
  const links: EntryLink[] = [];
  for (const [kind, label] of LINK_KINDS) {
    if (kind === 'doi') {
      if (entry.doi)
        links.push({ kind, label, checked: `doi:${entry.doi}`, href: doiUrl(entry.doi), text: entry.doi });
      continue;
    }
    const url = entry.urls?.[kind];
    if (url) links.push({ kind, label, checked: url, href: webUrl(url), text: url });
  }
  return links;
}

const STATE_WORDS: Record<string, string> = {
  ok: 'works',
  redirected: 'redirects',
  broken: 'broken',
  suspect: 'failing, not yet broken',
  blocked: 'could not be checked',
  timeout: 'timed out',
  error: 'failed',
  invalid: 'invalid',
  skipped: 'not checked',
};

export function stateWords(linkClass: string): string {
  return STATE_WORDS[linkClass] ?? linkClass;
}

/** The state of a link at the last check, when a report was given to the build. */
export function linkBadge(ctx: PageContext, checked: string): Html | '' {
  const state = ctx.model.linkState(checked);
  if (!state) return '';
  return html` <span class="badge state-${state.class}" title="${state.code}${state.status ? ` (HTTP ${state.status})` : ''}">${stateWords(state.class)}</span>`;
}

/** The compact links of an entry in a list: "DOI · PDF · Publisher". */
export function compactLinks(ctx: PageContext, entry: PublishedEntry): Html {
  const short: Record<EntryLink['kind'], string> = {
    doi: 'DOI',
    landing: 'Publisher',
    open: 'Open copy',
    archived: 'Archived',
  };
  const items = entryLinks(entry)
    .filter((link) => link.href)
    .map(
      (link) =>
        html`<li><a href="${link.href!}" aria-label="${short[link.kind]}: ${entry.title}">${short[link.kind]}</a>${linkBadge(ctx, link.checked)}</li>`,
    );
  return items.length > 0 ? html`<ul class="inline-links">${items}</ul>` : html``;
}

/** One entry in a list (topic pages, notes, the home page): title, byline, venue, opening, links. */
export function entryItem(
  ctx: PageContext,
  entry: PublishedEntry,
  options: { annotation?: boolean; headingLevel?: 2 | 3 | 4; anchor?: boolean } = {},
): Html {
  const level = options.headingLevel ?? 3;
  const title = html`<a href="${ctx.href(entryPath(entry.id))}">${entry.title}</a>`;
  const heading =
    level === 2
      ? html`<h2 class="entry-title">${title}</h2>`
      : level === 3
        ? html`<h3 class="entry-title">${title}</h3>`
        : html`<h4 class="entry-title">${title}</h4>`;
  const where = venue(entry);
  return html`<article class="entry-item"${options.anchor ? html` id="${entry.id}"` : ''}>
${heading}
<p class="byline">${nameList(entry.authors, 8)}</p>
<p class="meta">${dateText(entry)}${where ? html` · <span class="venue">${where}</span>` : ''} · ${typeLabel(entry.type)}${peerReviewed(entry) ? '' : ' · not peer reviewed'}</p>
${options.annotation === false ? '' : html`<p class="annotation">${shortAnnotation(entry.annotation)}</p>`}
${compactLinks(ctx, entry)}
</article>`;
}

export function entryCount(n: number): string {
  return count(n, 'entry', 'entries');
}
