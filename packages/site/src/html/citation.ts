import { escapeHtml, type Html, isSafeUrl, trusted } from './html.js';

/**
 * The APA reference of the data package is an HTML fragment (italics as <i>, the DOI or URL as a link,
 * text escaped by citation-js). It is data, so it is rebuilt here from an allow-list rather than trusted:
 * <i>, <b>, <em>, <strong>, <sup>, <sub> and <span> without attributes, and <a href> to an http(s) URL.
 * Any other tag is shown as text; text is decoded and escaped again, so a stray `<` cannot open a tag.
 */
const INLINE = new Set(['i', 'b', 'em', 'strong', 'sup', 'sub', 'span']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references citation-js writes (named, decimal, hexadecimal). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const TAG = /<(\/?)([a-z]+)((?:\s+[a-z-]+(?:="[^"]*"|='[^']*')?)*)\s*>/gi;
const HREF = /\shref=(?:"([^"]*)"|'([^']*)')/i;

export function citationHtml(fragment: string): Html {
  let out = '';
  // Each open element: the tag in the source and the tag written for it (a rejected link becomes a span).
  const open: { source: string; written: string }[] = [];
  let last = 0;
  for (const match of fragment.matchAll(TAG)) {
    out += escapeHtml(decodeEntities(fragment.slice(last, match.index)));
    last = match.index + match[0].length;
    const [whole, slash, rawName, attributes] = match;
    const name = rawName!.toLowerCase();
    if (slash) {
      // A closing tag counts only when it closes the innermost open element.
      if (open.at(-1)?.source === name) out += `</${open.pop()!.written}>`;
      else out += escapeHtml(whole);
    } else if (INLINE.has(name)) {
      open.push({ source: name, written: name });
      out += `<${name}>`;
    } else if (name === 'a') {
      const href = HREF.exec(attributes ?? '');
      const url = href ? decodeEntities(href[1] ?? href[2] ?? '') : '';
      if (/^https?:\/\//i.test(url) && isSafeUrl(url)) {
        open.push({ source: 'a', written: 'a' });
        out += `<a href="${escapeHtml(url)}">`;
      } else {
        open.push({ source: 'a', written: 'span' });
        out += '<span>';
      }
    } else {
      out += escapeHtml(whole);
    }
  }
  out += escapeHtml(decodeEntities(fragment.slice(last)));
  while (open.length > 0) out += `</${open.pop()!.written}>`;
  return trusted(out); // rebuilt above from the allow-list: every tag is ours, every text escaped
}
