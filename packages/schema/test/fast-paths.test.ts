import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { normalizeDoi } from '../src/doi.js';
import { recordHost } from '../src/lint/record-hosts.js';
import { isWebUrl } from '../src/lint/rules/urls/url-format.js';
import { resolvePlain } from '../src/yaml/canonical-yaml.js';
import { randomStrings } from './helpers.js';

// The fast paths must answer exactly as the full computations they skip; these are those computations.
function fullIsWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) && parsed.hostname !== '';
  } catch {
    return false;
  }
}
function fullRecordHost(reference: string): string | undefined {
  try {
    return new URL(reference).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
function fullNormalizeDoi(raw: string): string {
  return raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/\\([_&%#$])/g, '$1')
    .replace(/[.,;:]+$/, '')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

const entries = join(import.meta.dirname, '../../data/entries');
const realText = readdirSync(entries)
  .map((f) => readFileSync(join(entries, f), 'utf8'))
  .join('\n');

describe('fast paths answer as the full computations do', () => {
  it('isWebUrl and recordHost, on every URL of the real dataset and on 50,000 random ones', () => {
    const real = realText.match(/https?:\/\/\S+/g) ?? [];
    expect(real.length).toBeGreaterThan(100);
    const parts = [
      'https://',
      'http://',
      'ftp://',
      'a',
      'B',
      'xn--',
      '-',
      '.',
      '.org',
      '.com',
      '.1',
      '1',
      ':80',
    ];
    parts.push(
      '/',
      '?q',
      '#f',
      '@',
      '[::1]',
      '%',
      '%zz',
      ' ',
      '\\',
      'é',
      '..',
      'localhost',
      '255',
      '.255',
      'www.',
    );
    for (const url of [...real, ...randomStrings(parts, 50_000, { seed: 0x9e3779b9, min: 1, max: 8 })]) {
      expect(isWebUrl(url), JSON.stringify(url)).toBe(fullIsWebUrl(url));
      expect(recordHost(url), JSON.stringify(url)).toBe(fullRecordHost(url));
    }
  });

  it('normalizeDoi, on every DOI of the real dataset and on 50,000 random ones', () => {
    const real = realText.match(/10\.\d{4,9}\/\S+/g) ?? [];
    expect(real.length).toBeGreaterThan(10);
    const parts = [
      '10.',
      '1145',
      '/',
      'abc',
      'ABC',
      '.',
      ',',
      ';',
      ':',
      ' ',
      '\\_',
      '\\',
      'https://doi.org/',
    ];
    parts.push('doi:', 'dx.', '\t', '-', '(', ')', 'é');
    for (const doi of [...real, ...randomStrings(parts, 50_000, { seed: 0x9e3779b9, min: 1, max: 8 })])
      expect(normalizeDoi(doi), JSON.stringify(doi)).toBe(fullNormalizeDoi(doi));
  });

  it('plain scalars: the same value as trying each implicit type of the core schema, on 200,000 strings', () => {
    const implicit = (jsyaml.CORE_SCHEMA as unknown as { implicit: jsyaml.Type[] }).implicit;
    const full = (value: string): unknown => {
      for (const type of implicit) if (type.resolve(value)) return type.construct(value);
      return value;
    };
    const parts = ['0', '1', '7', '9', '-', '+', '.', 'e', 'E', 'x', 'b', 'o', 'a', 'F', '_', ':', ' ', '/'];
    parts.push(
      'inf',
      'Inf',
      'nan',
      'NaN',
      '~',
      'null',
      'Null',
      'true',
      'TRUE',
      'false',
      'False',
      'n',
      't',
      'f',
    );
    const samples = [
      '201-215',
      '2026-09-13',
      '10.1145/361011.361073',
      'Nair',
      'True',
      'NULL',
      '1e-5',
      '-.inf',
    ];
    let typed = 0;
    for (const value of [...samples, ...randomStrings(parts, 200_000, { seed: 0x51ed, min: 1, max: 6 })]) {
      const expected = full(value);
      if (typeof expected !== 'string') typed++;
      expect(resolvePlain(value), JSON.stringify(value)).toStrictEqual(expected);
    }
    // Numbers, nulls and booleans must be among them, not only strings.
    expect(typed).toBeGreaterThan(5_000);
  });
});
