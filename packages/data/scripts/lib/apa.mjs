// Renders APA citations with citation-js (citeproc-js underneath). Every citation depends only on its own
// item: no "2003a/2003b" suffixes that would change when another entry is added, which is also what makes
// caching citations by content hash correct.
import { createRequire } from 'node:module';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { linkHtml } from './html.mjs';

const LOCALE = 'en-US';
const styles = plugins.config.get('@csl').styles;

/**
 * citation-js's APA 7 style, with one repair: for an undated web page without an access date it printed
 * "Retrieved https://..." (the "Retrieved <date>, from" phrase minus the date). Grouping the word with the
 * date suppresses both when there is no date, which gives APA's form for that case: just the URL.
 */
export const REFERENCE_STYLE = 'apa-virtbib';
const RETRIEVED =
  '<text term="retrieved" text-case="capitalize-first"/><group delimiter=", "><date form="text" variable="accessed"/><text term="from"/></group>';

/**
 * The style the build renders with: the above, cut down to what one bibliography entry needs. The in-text
 * citation layout becomes a stub (compiling its macros was half of citeproc's start-up time), which also
 * drops the disambiguation options (they only serve in-text citations, and are what ties one item's
 * rendering to the others), and the bibliography loses its sort keys (we order entries ourselves; computing
 * the keys was a sixth of the rendering time). So a whole batch renders in one pass, and each entry comes out
 * exactly as it does alone with the full style: test/citations.test.ts compares every entry.
 */
const STYLE = 'apa-virtbib-bibliography';
const CITATION = /<citation [^>]*>[\s\S]*?<\/citation>/;
const STUB_CITATION = '<citation><layout><text variable="title"/></layout></citation>';
const BIBLIOGRAPHY_SORT = /(<bibliography [^>]*>)<sort>[\s\S]*?<\/sort>/;

if (!styles.has(STYLE)) {
  const apa = styles.get('apa');
  if (!apa.includes(RETRIEVED) || !CITATION.test(apa) || !BIBLIOGRAPHY_SORT.test(apa)) {
    throw new Error('The APA style of @citation-js/plugin-csl changed: review scripts/lib/apa.mjs.');
  }
  const repaired = apa.replace(RETRIEVED, `<group delimiter=" ">${RETRIEVED}</group>`);
  styles.add(REFERENCE_STYLE, repaired);
  styles.add(STYLE, repaired.replace(CITATION, STUB_CITATION).replace(BIBLIOGRAPHY_SORT, '$1'));
}

/**
 * citeproc's HTML links a DOI or URL by pasting it into href="..." after escaping only &, < and > (a `"` in a
 * DOI ends the attribute: markup injection), and links any scheme (a javascript: URL becomes a link). Both
 * linking functions are replaced, in the copy of citeproc that citation-js renders with, by one that links
 * only http(s) URLs and escapes the attribute (html.mjs). citeproc wraps a DOI and a URL alike in "@DOI".
 */
const CSL = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl/package.json'))(
  'citeproc',
);
const HTML = CSL.Output.Formats.html;
if (typeof HTML?.['@DOI/true'] !== 'function' || typeof HTML['@URL/true'] !== 'function') {
  throw new Error('The HTML output format of citeproc changed: review scripts/lib/apa.mjs.');
}
HTML['@DOI/true'] = (_state, str) => linkHtml(str);
HTML['@URL/true'] = (_state, str) => linkHtml(str);

/**
 * Renders items to `{ id, text, html }`, in the order given: text is plain, HTML is a fragment with italics
 * as <i>, the DOI or URL as a link, and &, < and > escaped.
 * @param {object[]} items CSL-JSON items with unique IDs, numeric fields already strings
 */
export function renderApa(items) {
  if (items.length === 0) return [];
  const engine = plugins.config.get('@csl').engine(items, STYLE, LOCALE, 'html');
  // nosort: the entries come back in the order registered (the style has no sort keys to apply anyway).
  engine.updateItems(
    items.map((item) => item.id),
    true,
  );
  engine.opt.development_extensions.wrap_url_and_doi = true;
  const html = entries(engine.makeBibliography());
  engine.setOutputFormat('text');
  engine.opt.development_extensions.wrap_url_and_doi = false;
  const text = entries(engine.makeBibliography());
  return items.map((item) => {
    if (!html.has(item.id) || !text.has(item.id))
      throw new Error(`citeproc rendered no citation for "${item.id}".`);
    return { id: item.id, text: text.get(item.id).trim(), html: unwrap(html.get(item.id).trim()) };
  });
}

/** The slow, obviously correct way: citation-js's public API, one item at a time. Used by tests. */
export function renderApaReference(item) {
  const format = plugins.output.format;
  const options = { template: REFERENCE_STYLE, lang: LOCALE };
  const text = format('bibliography', [item], { ...options, format: 'text' }).trim();
  const html = format('bibliography', [item], { ...options, format: 'html', hyperlinks: true });
  const entry = /<div data-csl-entry-id="[^"]*" class="csl-entry">([\s\S]*)<\/div>\s*<\/div>\s*$/.exec(html);
  return { id: item.id, text, html: entry ? entry[1].trim() : html.trim() };
}

/** citeproc's bibliography as a map from item ID to entry. */
function entries([meta, body]) {
  return new Map(meta.entry_ids.map((ids, i) => [ids[0], body[i]]));
}

/** citeproc wraps each entry in <div class="csl-entry">; consumers get the inner HTML to place as they like. */
function unwrap(html) {
  const match = /^<div class="csl-entry">([\s\S]*)<\/div>$/.exec(html);
  return match ? match[1].trim() : html;
}
