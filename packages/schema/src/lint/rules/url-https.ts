import { type Rule, validEntries } from '../rule.js';
import { forEachUrl } from './url-format.js';

export const urlHttps: Rule = {
  code: 'url-https',
  description: 'URLs use https where the site offers it.',
  fixable: false,
  check(dataset, report) {
    forEachUrl(validEntries(dataset), ({ source }, url, path) => {
      if (url.startsWith('http://'))
        report({
          at: { source, path },
          message: `"${url}" uses plain http.`,
          hint: 'Use the https:// address if the site serves one; keep http only for sites that do not.',
        });
    });
  },
};
