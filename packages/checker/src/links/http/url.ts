import { urlKey } from '../group.js';
import type { LinkCode } from '../results/codes.js';

/**
 * A URL as the engine needs it to send a request: the origin (which connection pool), the host name
 * (which host's limits, and the address guard) and the path with its query. Built from one parse of the
 * URL; the checks that follow use these strings and parse nothing again (a URL object per URL and four
 * getter strings per request were a visible share of the engine's time and memory).
 */
export interface Target {
  /** `https://example.org:8443`, as WHATWG URL serializes it. */
  origin: string;
  /** Lower-case, without the brackets of an IPv6 address. */
  hostname: string;
  /** Path and query, e.g. `/a/b?x=1`; never the fragment. */
  path: string;
}

/** The URL a target asks for (without credentials or fragment, which are never sent). */
export function hrefOf(target: Target): string {
  return `${target.origin}${target.path}`;
}

/**
 * The target of a parsed http(s) URL. `shared` interns origins and host names, so that the targets of a
 * host's many URLs share one string of each (and Map lookups on them hash once).
 */
export function targetOf(url: URL, shared?: Map<string, string>): Target {
  // WHATWG URLs of http(s) have their host lower-cased already, and `origin` is scheme://host[:port].
  const host = url.hostname;
  let hostname = host.startsWith('[') ? host.slice(1, -1) : host;
  let origin = url.origin;
  const href = url.href;
  // The href is the origin, then the path and query, unless credentials stand between (user:pass@).
  const path = href.startsWith(origin) ? href.slice(origin.length) : `${url.pathname}${url.search}`;
  if (shared) {
    hostname = intern(shared, hostname);
    origin = intern(shared, origin);
  }
  return { origin, hostname, path: path.includes('#') ? path.slice(0, path.indexOf('#')) : path };
}

function intern(shared: Map<string, string>, text: string): string {
  const known = shared.get(text);
  if (known !== undefined) return known;
  shared.set(text, text);
  return text;
}

export type Checkable =
  | { ok: true; target: Target; key: string }
  | { ok: false; code: LinkCode; key: string };

/**
 * Parses a URL as written and gives the key under which it is checked: the text without its #fragment,
 * which browsers never send. Two spellings that differ only in the fragment are checked once.
 */
export function toCheckable(raw: string, shared?: Map<string, string>): Checkable {
  const text = raw.trim();
  const key = urlKey(text);
  let url: URL;
  try {
    // The key is the text up to its fragment: parsing it gives the URL without one.
    url = new URL(key);
  } catch {
    return { ok: false, code: 'invalid-url', key };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, code: 'unsupported-scheme', key };
  if (!url.hostname) return { ok: false, code: 'invalid-url', key };
  return { ok: true, target: targetOf(url, shared), key };
}
