import type { EntryRule } from '../../rule.js';

/** Stored-program computing starts in the late 1940s; nothing in this field is older. */
export const MIN_YEAR = 1940;

let year = { value: 0, until: 0 };
/** Next year, read from the clock at most once a minute: building a Date for each of 100k entries shows. */
function nextYear(): number {
  const now = Date.now();
  if (now >= year.until) year = { value: new Date(now).getUTCFullYear() + 1, until: now + 60_000 };
  return year.value;
}

export const yearRange: EntryRule = {
  code: 'year-range',
  description: `Years lie between ${MIN_YEAR} and next year.`,
  fixable: false,
  scope: 'entry',
  fields: ['year'],
  check({ source, entry }, report) {
    if (entry.year === undefined) return;
    const max = nextYear();
    if (entry.year < MIN_YEAR || entry.year > max)
      report({
        at: { source, path: ['year'] },
        message: `Year ${entry.year} is outside ${MIN_YEAR}-${max}.`,
        hint: 'Use the four-digit year of publication.',
      });
  },
};
