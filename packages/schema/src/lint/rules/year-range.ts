import type { EntryRule } from '../rule.js';

/** Stored-program computing starts in the late 1940s; nothing in this field is older. */
export const MIN_YEAR = 1940;

export const yearRange: EntryRule = {
  code: 'year-range',
  description: `Years lie between ${MIN_YEAR} and next year.`,
  fixable: false,
  scope: 'entry',
  fields: ['year'],
  check({ source, entry }, report) {
    const max = new Date().getUTCFullYear() + 1;
    if (entry.year !== undefined && (entry.year < MIN_YEAR || entry.year > max))
      report({
        at: { source, path: ['year'] },
        message: `Year ${entry.year} is outside ${MIN_YEAR}-${max}.`,
        hint: 'Use the four-digit year of publication.',
      });
  },
};
