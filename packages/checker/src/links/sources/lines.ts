/** Maps offsets in a text to 1-based line and column numbers. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** Replaces a span with spaces, keeping newlines, so that offsets and lines of the rest stay valid. */
export function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Replaces the given [start, end) spans of a text with spaces. */
export function blankSpans(text: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/** http and https URLs only: relative links, mailto: and the like are not web links to check. */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/**
 * Schemes that name something other than a document on the web (an address, a phone number, inline
 * data, script): links with them are left out without a word. Any other scheme (ftp:, gopher:, file:...)
 * is a link the checker cannot follow, and is reported as `unsupported-scheme` with its place.
 */
const NOT_LINKS = new Set(['mailto', 'tel', 'sms', 'data', 'javascript', 'about']);

/**
 * What a link target in a document is checked as: a web URL as written, a protocol-relative `//host/...`
 * as https, any other absolute URL as written (the engine reports its scheme), and nothing for relative
 * links (they point into the repository or the site) and the schemes of NOT_LINKS.
 */
export function linkTarget(value: string): string | undefined {
  if (isWebUrl(value)) return value;
  if (value.startsWith('//')) return `https:${value}`;
  // Two letters at least: `C:\path` is a Windows path, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined || NOT_LINKS.has(scheme)) return undefined;
  return value;
}

/**
 * A relative reference (a path, `./x`, `../x`, `#fragment`, `x?query`): a link into the same site or
 * repository, which only the files next to the document can answer. Absolute URLs and `//host` links
 * are not relative; an empty link points nowhere.
 */
export function relativeTarget(value: string): string | undefined {
  if (value === '' || value.startsWith('//')) return undefined;
  if (/^[a-z][a-z0-9+.-]+:/i.test(value)) return undefined;
  return value;
}
