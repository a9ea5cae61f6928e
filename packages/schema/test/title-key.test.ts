import { describe, expect, it } from 'vitest';
import { normalizeTitle, titleKey } from '../src/lint/dataset-index.js';
import { randomStrings } from './helpers.js';

// duplicate-title's key is built in one pass for ASCII titles (dataset-index.ts); it must equal what the
// plain definition gives: lower case, each run of anything but letters and digits one space, trimmed.
const byDefinition = (title: string) =>
  /^[\x20-\x7e]*$/.test(title)
    ? title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()
    : title
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();

describe("duplicate-title's key", () => {
  it('is the normalized title, a bar and the year, for any title, ASCII or not, short or long', () => {
    const parts = [
      'a',
      'Z',
      'q',
      '0',
      '9',
      ' ',
      '  ',
      '-',
      ':',
      '.',
      "'",
      '~',
      '@',
      '[',
      '`',
      '{',
      'Ä',
      'é',
      '字',
      '\t',
      'Xen',
    ];
    const titles = [
      ...randomStrings(parts, 40_000, { seed: 0x51f15e, min: 0, max: 24 }),
      'x'.repeat(1020),
      `${'Y '.repeat(600)}end`,
      '',
      '---',
    ];
    let ascii = 0;
    for (const title of titles) {
      expect(normalizeTitle(title), JSON.stringify(title)).toBe(byDefinition(title));
      for (const year of [undefined, 1974, 2026])
        expect(titleKey(title, year)).toBe(`${byDefinition(title)}|${year ?? ''}`);
      if (/^[\x20-\x7e]*$/.test(title)) ascii++;
    }
    expect(ascii).toBeGreaterThan(5_000);
  });
});
