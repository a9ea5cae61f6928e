/** sitemap.xml: every page of the site by its absolute URL, for search engines. */
import { escapeHtml } from '../html/html.js';
import type { SiteModel } from '../model.js';
import { PAGES } from '../paths.js';

export function sitemap(model: SiteModel, pages: readonly string[]): string {
  const urls = pages
    .filter((p) => p.endsWith('.html') && p !== PAGES.notFound)
    .map(
      (p) => `  <url><loc>${escapeHtml(`${model.config.siteUrl}${p === PAGES.home ? '' : p}`)}</loc></url>\n`,
    );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('')}</urlset>
`;
}
