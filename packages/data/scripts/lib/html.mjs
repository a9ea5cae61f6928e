// Safe HTML for the pre-rendered citations (citations.apa.html): how links are written, and a check of the
// whole fragment. The data may hold anything a pull request can put there, and the site and every consumer
// place this HTML into pages: an attribute it breaks out of, or a script: URL it links, is theirs.

/** A character reference for each character that could end or change an attribute value or start a tag. */
const ATTRIBUTE_ESCAPES = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };

export function escapeAttribute(value) {
  return value.replace(/[&"'<>]/g, (char) => ATTRIBUTE_ESCAPES[char]);
}

/** What citeproc's text_escape did to the text it hands the link functions, undone. */
function unescapeCiteproc(html) {
  return html
    .replace(/\u00A0 /g, '  ')
    .replace(/&#(38|60|62);/g, (_, code) => String.fromCharCode(Number(code)));
}

const DOI_RESOLVER = 'https://doi.org/';

/**
 * The href for a DOI or URL as citeproc renders it (escaped text, "https://doi.org/<doi>" for a DOI), or
 * undefined when it must not be a link: anything but an absolute http(s) URL, or text citeproc marked up
 * (superscripts), which is no URL anyone typed.
 */
export function linkTarget(renderedText) {
  if (renderedText.includes('<')) return undefined;
  const raw = unescapeCiteproc(renderedText);
  if (raw.startsWith(DOI_RESOLVER)) {
    // A DOI may hold any character; each path segment is percent-encoded, as the DOI handbook asks of URLs.
    const doi = raw.slice(DOI_RESOLVER.length);
    return doi === '' ? undefined : DOI_RESOLVER + doi.split('/').map(encodeURIComponent).join('/');
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** citeproc's rendered DOI or URL, linked when it is safe to: the text stays as citeproc escaped it. */
export function linkHtml(renderedText) {
  const href = linkTarget(renderedText);
  return href === undefined ? renderedText : `<a href="${escapeAttribute(href)}">${renderedText}</a>`;
}

/**
 * Every tag citeproc writes for APA: italics, bold, super- and subscripts, spans with fixed styles or the
 * nocase class, and links as linkHtml writes them. Anything else that looks like a tag is an injection.
 */
const ALLOWED_TAG =
  /^<(?:\/?(?:i|b|sup|sub|span)|span (?:style="[a-z-]+:[a-z-]+;"|class="nocase")|a href="https?:\/\/[^"<>\s]*"|\/a)>/;

/**
 * Checks a rendered citation: each "<" opens an allowed tag, and each "&" starts a character reference.
 * Returns the problem, or undefined when there is none.
 */
export function unsafeHtml(html) {
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    if (!ALLOWED_TAG.test(html.slice(i, i + 2048)))
      return `unexpected markup at ${JSON.stringify(html.slice(i, i + 40))}`;
  }
  if (/&(?!#\d+;|#x[0-9a-f]+;|[a-z]+;)/i.test(html)) return 'an unescaped "&"';
  return undefined;
}
