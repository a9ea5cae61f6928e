// CITATION.cff at the repository root: valid under the Citation File Format 1.2.0 schema (the validator of
// cffjs, which carries that schema) and in agreement with the package it describes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCFF } from 'cffjs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageDir, repoRoot } from './helpers.js';

const cff = parse(readFileSync(join(repoRoot, 'CITATION.cff'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

describe('CITATION.cff', () => {
  it('is valid Citation File Format 1.2.0', () => {
    expect(cff['cff-version']).toBe('1.2.0');
    expect(() => validateCFF(structuredClone(cff))).not.toThrow();
  });

  it('is rejected by the validator when broken, so the check above can fail', () => {
    const { authors: _authors, ...noAuthors } = cff;
    expect(() => validateCFF(noAuthors)).toThrow(/CFF validation failed/);
    expect(() => validateCFF({ ...cff, license: 'not-a-license' })).toThrow(/CFF validation failed/);
  });

  it('describes the data package: its license, repository and keywords', () => {
    expect(cff.type).toBe('dataset');
    expect(cff.license).toBe(pkg.license);
    expect(`git+${cff['repository-code']}.git`).toBe(pkg.repository.url);
    expect(cff.url).toBe(`https://www.npmjs.com/package/${pkg.name}`);
    for (const keyword of cff.keywords) expect(pkg.keywords).toContain(keyword);
  });
});
