/**
 * URLs every WHATWG parser accepts as http(s) with a host: a lowercase host of letter-digit-hyphen labels
 * ending in a letters-only top-level label (so not an IP address, no punycode to decode, no port, no
 * user), then printable ASCII after a `/`, `?` or `#`. Most URLs are like this and skip the cost of a full
 * parse (about a microsecond each); the others get one. test/fast-paths.test.ts compares both ways.
 */
const PLAIN_WEB_URL = /^https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)+[a-z]{2,63}(?:[/?#][\x21-\x7e]*)?$/;

/** True for an absolute http or https URL with a host. */
export function isWebUrl(url: string): boolean {
  if (PLAIN_WEB_URL.test(url)) return true;
  const parsed = parse(url);
  return parsed !== undefined && /^https?:$/.test(parsed.protocol) && parsed.hostname !== '';
}

/**
 * The host name a URL parser gives, lowercased, or undefined when the text is not a URL. For a plain web
 * URL the host is the text between `//` and the first `/`, `?` or `#`, exactly as written.
 */
export function hostOf(url: string): string | undefined {
  if (PLAIN_WEB_URL.test(url)) {
    const start = url.indexOf('//') + 2;
    let end = start;
    while (end < url.length) {
      const c = url.charCodeAt(end);
      if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
      end++;
    }
    return url.slice(start, end);
  }
  return parse(url)?.hostname.toLowerCase();
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
