import type { Entry } from '../../../types.generated.js';
import type { EntryRule } from '../../rule.js';

/** Every URL field of an entry with its path, for the URL rules and the link checker. */
export function entryUrls(entry: Entry): { url: string; path: [string, string] }[] {
  return Object.entries(entry.urls ?? {}).map(([kind, url]) => ({
    url: url as string,
    path: ['urls', kind],
  }));
}

/** The same, one call per URL and nothing allocated: the rules visit 100k entries. */
export function forEachUrl(entry: Entry, visit: (url: string, kind: string) => void): void {
  const urls = entry.urls as Record<string, string> | undefined;
  if (urls) for (const kind in urls) visit(urls[kind]!, kind);
}

/**
 * URLs every WHATWG parser accepts as http(s) with a host: a lowercase host of letter-digit-hyphen labels
 * ending in a letters-only top-level label (so not an IP address, no punycode to decode, no port), then
 * printable ASCII. Most URLs are like this and skip the cost of a full parse; the others get one.
 */
const PLAIN_WEB_URL = /^https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)+[a-z]{2,63}(?:[/?#][\x21-\x7e]*)?$/;

export function isWebUrl(url: string): boolean {
  if (PLAIN_WEB_URL.test(url)) return true;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  return parsed !== undefined && /^https?:$/.test(parsed.protocol) && parsed.hostname !== '';
}

export const urlFormat: EntryRule = {
  code: 'url-format',
  description: 'URLs are absolute http or https URLs with a host.',
  fixable: false,
  scope: 'entry',
  fields: ['urls'],
  check({ source, entry }, report) {
    forEachUrl(entry, (url, kind) => {
      if (!isWebUrl(url))
        report({
          at: { source, path: ['urls', kind] },
          message: `"${url}" is not an absolute http(s) URL.`,
          hint: 'Write the full address, starting with https://.',
        });
    });
  },
};
