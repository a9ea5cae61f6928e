import type { EntryRule } from '../../rule.js';
import { forEachUrl } from './url-format.js';

export const urlHttps: EntryRule = {
  code: 'url-https',
  description: 'URLs use https where the site offers it.',
  fixable: false,
  scope: 'entry',
  fields: ['urls'],
  check({ source, entry }, report) {
    forEachUrl(entry, (url, kind) => {
      if (url.startsWith('http://'))
        report({
          at: { source, path: ['urls', kind] },
          message: `"${url}" uses plain http.`,
          hint: 'Use the https:// address if the site serves one; keep http only for sites that do not.',
        });
    });
  },
};
