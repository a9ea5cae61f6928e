import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDataset } from '../src/validate.js';
import { makeDataset, validEntry } from './helpers.js';

const realDataset = join(import.meta.dirname, '../../data');

describe('the curated dataset', () => {
  it('has no errors', async () => {
    const { diagnostics, fileCount } = await validateDataset(realDataset, { threads: 1 });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(fileCount).toBeGreaterThan(30);
  });
});

describe('parallel loading', () => {
  // Starting two worker threads that load the built module takes seconds on a loaded machine: the limit is
  // for a hang, not a measure of speed.
  it('gives the same findings on worker threads as on one thread', { timeout: 120_000 }, async () => {
    // Workers run the built module: the test imports dist so the worker script exists as JavaScript.
    const { validateDataset: validateBuilt } = await import('../dist/index.js');
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`entries/doe2020e${i}.yaml`] = validEntry(`doe2020e${i}`);
    files['entries/doe2020e7.yaml'] = validEntry('doe2020e7', 'doi: HTTPS://doi.org/10.1/X\n');
    files['entries/doe2020e9.yaml'] = validEntry('doe2020e9', 'jornal: x\n');
    files['entries/doe2020e11.yaml'] = validEntry('doe2020e11').replace('title: A Title', 'title: [oops');
    const dir = makeDataset(files);
    const one = await validateBuilt(dir, { threads: 1 });
    const two = await validateBuilt(dir, { threads: 2 });
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect(two.notChecked).toEqual(one.notChecked);
    // With a cache, on threads: the files are checked on the workers and their results kept.
    const cache = join(dir, 'cache.json');
    const cold = await validateBuilt(dir, { threads: 2, cache });
    const warm = await validateBuilt(dir, { threads: 2, cache });
    expect([cold.diagnostics, warm.diagnostics]).toEqual([one.diagnostics, one.diagnostics]);
    expect(warm.cachedCount).toBe(warm.fileCount);
    expect(one.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual([
      'doi-format',
      'schema-unknown-field',
      'yaml-syntax',
    ]);
  });
});
