import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entry, stringLength, uriFormat } from '../generated/validators.js';
import { randomStrings } from './helpers.js';

// The compiled validators go through two fast paths (scripts/compile-validators.mjs); these are the
// computations they stand in front of, from ajv and ajv-formats themselves.
const require = createRequire(import.meta.url);
const ajvLength: (s: string) => number = require('ajv/dist/runtime/ucs2length').default;
const fullUri: (s: string) => boolean = require('ajv-formats/dist/formats').fullFormats.uri;

const schemas = join(import.meta.dirname, '../schemas');
const limits = [
  ...new Set(
    readdirSync(schemas).flatMap((f) =>
      [...readFileSync(join(schemas, f), 'utf8').matchAll(/"minLength":\s*(\d+)/g)].map((m) => Number(m[1])),
    ),
  ),
];

describe('the compiled validators answer as ajv would without their fast paths', () => {
  it('minLength: the length compares with every limit the schemas use as the code point count does', () => {
    expect(limits.length).toBeGreaterThan(1);
    const parts = ['a', 'é', '🙂', '\uD800', '\uDC00', '字', ' ', 'ab', 'x'.repeat(9)];
    let checked = 0;
    for (const s of randomStrings(parts, 50_000, { seed: 0x2468ace, min: 0, max: 29 })) {
      for (const limit of [...limits, 0, 1, Math.max(...limits)])
        expect(stringLength(s) < limit, `${JSON.stringify(s)} < ${limit}`).toBe(ajvLength(s) < limit);
      checked++;
    }
    expect(checked).toBe(50_000);
  });

  it('uri: the same answer as the full RFC 3986 check, on the real URLs and on 120,000 random ones', () => {
    const entries = join(import.meta.dirname, '../../data/entries');
    const real = readdirSync(entries).flatMap((f) =>
      [...readFileSync(join(entries, f), 'utf8').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
    );
    expect(real.length).toBeGreaterThan(50);
    const parts = [
      'http://',
      'https://',
      'HTTPS://',
      'ftp://',
      'mailto:',
      'example.org',
      'dl.acm.org',
      'a-b.c',
      '/',
      '//',
      '/path',
      '?',
      '?q=1&r=2',
      '#',
      '#frag',
      ':',
      ':8080',
      '@',
      'user@',
      '%20',
      '%2',
      '%zz',
      ' ',
      '\\',
      '[',
      ']',
      '[::1]',
      '"',
      "'",
      '<',
      '~',
      '_',
      '!$&()*+,;=',
      'é',
      '.',
      '-',
      '10.1145/1.2',
    ];
    // Random strings, and random tails after a plain start, so that most of the latter are plain URLs.
    const starts = ['http://example.org', 'https://dl.acm.org', 'https://a-b.c.d'];
    const tails = ['/', '/path', '/a.pdf', '?q=1&r=2', '#frag', ':', '@', '~', '_', '!$&()*+,;=', '-', '.'];
    const urls = [
      ...real,
      ...randomStrings(parts, 50_000, { seed: 0x13579bd, min: 0, max: 29 }),
      ...[...randomStrings(tails, 50_000, { seed: 0x2b3c4d5, min: 0, max: 29 })].map(
        (tail, i) => starts[i % starts.length] + tail,
      ),
      ...[...randomStrings(parts, 20_000, { seed: 0x5e6f7a8, min: 0, max: 29 })].map(
        (tail, i) => starts[i % starts.length] + tail,
      ),
    ];
    let plain = 0;
    for (const url of urls) {
      expect(uriFormat(url), url).toBe(fullUri(url));
      if (uriFormat(url) && /^https?:\/\/[a-z]/.test(url)) plain++;
    }
    expect(plain).toBeGreaterThan(30_000);
  });

  it('the entry validator uses them: a URL only the full check accepts passes, a broken one fails', () => {
    const valid = (urls: Record<string, string>) =>
      entry({
        id: 'doe2020a',
        type: 'paper-conference',
        title: 'A',
        authors: [{ family: 'Doe', given: 'J' }],
        year: 2020,
        topics: ['cpu'],
        annotation: 'An annotation long enough for the schema.',
        provenance: { source: 'contributed', verifiedWith: ['https://dblp.org/x'] },
        urls,
      });
    expect(valid({ landing: 'HTTPS://Example.org/%41?q#f' })).toBe(true);
    expect(valid({ landing: 'https://exa mple.org/' })).toBe(false);
  });
});
