/** The frame every page shares: head, skip link, header with navigation and search, footer. */
import { type Html, html, type Interpolation } from './html/html.js';
import type { SiteModel } from './model.js';
import { PAGES, relative } from './paths.js';

/** The site's own files, by content-hashed name (a changed file gets a new name, so caches never mix). */
export interface Assets {
  css: string;
  icon: string;
  copyScript: string;
  searchScript: string;
  minisearch: string;
  searchIndex: string;
}

export interface PageContext {
  model: SiteModel;
  assets: Assets;
  /** The page's path from the site's root. */
  path: string;
  /** A link to another page of the site, from this one. */
  href(to: string): string;
}

export function pageContext(model: SiteModel, assets: Assets, path: string, absolute = false): PageContext {
  const href = absolute
    ? (to: string) => `${model.config.basePath}${to === PAGES.home ? '' : to}`
    : (to: string) => relative(path, to);
  return { model, assets, path, href };
}

type Section = 'home' | 'search' | 'timeline' | 'notes' | 'links' | 'topics' | 'entries' | 'none';

export interface PageOptions {
  title: string;
  description: string;
  section: Section;
  main: Html;
  /** Extra elements for the head (citation meta tags). */
  head?: Interpolation;
  /** Scripts of the site (paths from the root), loaded deferred. */
  scripts?: readonly string[];
  /** Breadcrumbs above the title, as [label, path] pairs ending before this page. */
  breadcrumbs?: readonly (readonly [string, string])[];
}

const NAV: readonly (readonly [Section, string, string])[] = [
  ['topics', 'Topics', `${PAGES.home}#topics`],
  ['search', 'Search', PAGES.search],
  ['timeline', 'Timeline', PAGES.timeline],
  ['notes', 'Notes', PAGES.notes],
  ['links', 'Link health', PAGES.links],
];

export function page(ctx: PageContext, options: PageOptions): string {
  const { model, assets, href } = ctx;
  const { config, dataset } = model;
  const canonical = `${config.siteUrl}${ctx.path === PAGES.home ? '' : ctx.path}`;
  const fullTitle = options.section === 'home' ? options.title : `${options.title} · virtbib`;
  const nav = NAV.map(
    ([section, label, to]) =>
      html`<li><a href="${href(to)}"${section === options.section ? html` aria-current="page"` : ''}>${label}</a></li>`,
  );
  const crumbs = options.breadcrumbs?.length
    ? html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>${options.breadcrumbs.map(
        ([label, to]) => html`<li><a href="${href(to)}">${label}</a></li>`,
      )}</ol></nav>`
    : '';
  const headerSearch =
    options.section === 'search'
      ? ''
      : html`<form class="header-search" role="search" aria-label="Site search" action="${href(PAGES.search)}" method="get">
<label for="header-q" class="visually-hidden">Search the bibliography</label>
<input id="header-q" name="q" type="search" placeholder="Search titles, authors, venues…" autocomplete="off">
<button type="submit">Search</button>
</form>`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${fullTitle}</title>
<meta name="description" content="${options.description}">
<link rel="canonical" href="${canonical}">
<link rel="icon" href="${href(assets.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${href(assets.css)}">
<link rel="alternate" type="application/atom+xml" title="virtbib: new entries" href="${href(PAGES.feed)}">
${options.head ?? ''}${(options.scripts ?? []).map((s) => html`<script defer src="${href(s)}"></script>\n`)}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap header-row">
<a class="site-name" href="${href(PAGES.home)}"${options.section === 'home' ? html` aria-current="page"` : ''}>virtbib</a>
<nav aria-label="Site"><ul>${nav}</ul></nav>
${headerSearch}
</div>
</header>
<main id="main" tabindex="-1" class="wrap">
${crumbs}${options.main}
</main>
<footer class="site-footer">
<div class="wrap">
<p>Built from <a href="${href(`${PAGES.home}#data`)}">@virtbib/data ${dataset.version}</a>. The data is licensed <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>; the code, MIT.
<a href="${href(PAGES.feed)}">Atom feed of new entries</a> · <a href="${config.repositoryUrl}">Source and issues</a></p>
</div>
</footer>
</body>
</html>
`}`;
}
