import type { LinkCode } from './codes.js';
import { urlKey } from './group.js';

export type Checkable = { ok: true; url: URL; key: string } | { ok: false; code: LinkCode; key: string };

/**
 * Parses a URL as written and gives the key under which it is checked: the text without its #fragment,
 * which browsers never send. Two spellings that differ only in the fragment are checked once.
 */
export function toCheckable(raw: string): Checkable {
  const text = raw.trim();
  const key = urlKey(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'invalid-url', key };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, code: 'unsupported-scheme', key };
  if (!url.hostname) return { ok: false, code: 'invalid-url', key };
  url.hash = '';
  return { ok: true, url, key };
}

/** The host name without the brackets the URL syntax puts around IPv6 addresses. */
export function bareHostname(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
