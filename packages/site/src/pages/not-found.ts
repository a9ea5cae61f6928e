/**
 * The 404 page. GitHub Pages serves it at whatever address was asked for, at any depth, so its links
 * cannot be relative: they start from the base path (the layout's absolute mode).
 */
import { html } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { PAGES } from '../paths.js';

export function notFoundPage(ctx: PageContext): string {
  const main = html`<h1>Page not found</h1>
<p class="lead">There is no page at this address. An entry’s page is named after its citation key, for example <code>entries/barham2003xen.html</code>; IDs never change once published, so an old link to an entry keeps working.</p>
<form class="big-search" role="search" aria-label="Search the bibliography" action="${ctx.href(PAGES.search)}" method="get">
<label for="nf-q">Search the bibliography</label>
<div class="search-row"><input id="nf-q" name="q" type="search" autocomplete="off"><button type="submit">Search</button></div>
</form>
<p>Or start from the <a href="${ctx.href(PAGES.home)}">home page</a>.</p>`;
  return page(ctx, {
    title: 'Page not found',
    description: 'This page does not exist in the virtbib bibliography.',
    section: 'none',
    main,
  });
}
