import type { EntryRule } from '../../rule.js';

/** True when the ISBN-10 or ISBN-13 (hyphens and spaces ignored) has a correct check digit. */
export function isValidIsbn(raw: string): boolean {
  const s = raw.replace(/[-\s]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : Number(s[i])) * (10 - i);
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(s[i]) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  return false;
}

export const isbnChecksum: EntryRule = {
  code: 'isbn-checksum',
  description: 'ISBNs are ISBN-10 or ISBN-13 with a correct check digit.',
  fixable: false,
  scope: 'entry',
  fields: ['isbn'],
  check({ source, entry }, report) {
    if (entry.isbn !== undefined && !isValidIsbn(entry.isbn))
      report({
        at: { source, path: ['isbn'] },
        message: `ISBN "${entry.isbn}" has a wrong check digit or length.`,
        hint: 'Copy the ISBN again from the publisher or a library catalogue; a typo changes the check digit.',
      });
  },
};
