import type { Entry } from '../../types.generated.js';
import type { EntryRule } from '../rule.js';

/** Every URL field of an entry with its path, for the URL rules and the link checker. */
export function entryUrls(entry: Entry): { url: string; path: [string, string] }[] {
  return Object.entries(entry.urls ?? {}).map(([kind, url]) => ({
    url: url as string,
    path: ['urls', kind],
  }));
}

export const urlFormat: EntryRule = {
  code: 'url-format',
  description: 'URLs are absolute http or https URLs with a host.',
  fixable: false,
  scope: 'entry',
  fields: ['urls'],
  check({ source, entry }, report) {
    for (const { url, path } of entryUrls(entry)) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {}
      if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname)
        report({
          at: { source, path },
          message: `"${url}" is not an absolute http(s) URL.`,
          hint: 'Write the full address, starting with https://.',
        });
    }
  },
};
