import type { Entry } from '../../../types.generated.js';
import { isWebUrl } from '../../../web-url.js';
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

/** Kept here for the callers that import it with the rule. */
export { isWebUrl };

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
