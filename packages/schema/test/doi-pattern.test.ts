import { describe, expect, it } from 'vitest';
import { DOI_PATTERN } from '../src/lint/rules/doi/doi-format.js';
import { validateDataset } from '../src/validate.js';
import { makeDataset, validEntry } from './helpers.js';

describe('the DOI pattern', () => {
  it('accepts real DOIs, including subdivided prefixes and punctuation in suffixes', () => {
    for (const doi of [
      '10.1145/945445.945462',
      '10.1007/978-3-540-24605-3_37',
      '10.1016/s0166-5316(02)00169-x',
      '10.1109/5.771073',
      '10.1000.10/123',
      '10.1002/1097-4571:8;2-0',
      '10.1234/été#1',
    ])
      expect(DOI_PATTERN.test(doi), doi).toBe(true);
  });

  it('rejects what could break out of markup: quotes, angle brackets, whitespace, control characters', () => {
    for (const doi of [
      '10.5555/x"autofocus/onfocus=alert(1)',
      '10.1145/a<script>',
      '10.1145/a>b',
      '10.1145/a b',
      '10.1145/a\u00a0b',
      '10.1145/a\nb',
      '10.1145/a\u0000',
      '10.1145/a\u001b[31m',
      '10.1145/a\u200bb',
      '10.1145/a\u2028b',
    ])
      expect(DOI_PATTERN.test(doi), JSON.stringify(doi)).toBe(false);
  });

  it('a DOI with a double quote is a doi-format error', async () => {
    const dir = makeDataset({
      'entries/doe2020a.yaml': validEntry('doe2020a', `doi: '10.1145/x"autofocus/onfocus=alert(1)'\n`),
    });
    const { diagnostics } = await validateDataset(dir, { threads: 1 });
    expect(diagnostics.map(({ code, line }) => ({ code, line }))).toEqual([{ code: 'doi-format', line: 8 }]);
  });
});
