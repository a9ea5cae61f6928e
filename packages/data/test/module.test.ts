// dist/index.mjs and dist/index.cjs: the same data and the same API from import and from require.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS } from '../scripts/lib/module.mjs';
import { distDir, readDist, readDistJson } from './helpers.js';

type Api = typeof import('../dist/index.mjs');

const require = createRequire(import.meta.url);
const bibliography = readDistJson<Api['dataset']>('bibliography.json');

let esm: Api;
let cjs: Api;
beforeAll(async () => {
  esm = await import(/* @vite-ignore */ pathToFileURL(join(distDir, 'index.mjs')).href);
  cjs = require(join(distDir, 'index.cjs'));
});

describe.each(['esm', 'cjs'] as const)('the %s module', (kind) => {
  const api = () => (kind === 'esm' ? esm : cjs);

  it('exports exactly the documented names', () => {
    expect(Object.keys(api()).sort()).toEqual([...EXPORTS].sort());
  });

  it('embeds bibliography.json exactly', () => {
    expect(api().dataset).toEqual(bibliography);
    expect(api().entries).toBe(api().dataset.entries);
    expect(api().topics).toBe(api().dataset.topics);
    expect(api().notes).toBe(api().dataset.notes);
    expect(api().version).toBe(bibliography.version);
  });

  it('is deeply frozen', () => {
    const { dataset, entries } = api();
    expect(Object.isFrozen(dataset)).toBe(true);
    expect(Object.isFrozen(entries[0]!.authors[0])).toBe(true);
    expect(() => {
      (entries as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('getEntry, getTopic and getNote find by ID', () => {
    const { getEntry, getTopic, getNote } = api();
    expect(getEntry('barham2003xen')?.title).toBe('Xen and the Art of Virtualization');
    expect(getEntry('nope')).toBeUndefined();
    expect(getEntry('constructor')).toBeUndefined();
    expect(getTopic('overview')?.title).toBe('Virtualization overview');
    expect(getTopic('nope')).toBeUndefined();
    expect(getNote('mobile-virtualization')?.sections.length).toBeGreaterThan(0);
  });

  it('entriesByTopic gives the entries in reading order', () => {
    const { entriesByTopic, getTopic } = api();
    for (const topic of bibliography.topics) {
      expect(entriesByTopic(topic.id).map((e) => e.id)).toEqual(getTopic(topic.id)!.entries);
    }
    expect(entriesByTopic('overview')[0]?.id).toBe('popek1974formal');
    expect(entriesByTopic('nope')).toEqual([]);
  });

  it('relatedEntries resolves the related list with its relations', () => {
    const { relatedEntries } = api();
    const related = relatedEntries('bugnion1997disco');
    expect(related.map((r) => [r.relation, r.entry.id])).toEqual(
      bibliography.entries.find((e) => e.id === 'bugnion1997disco')!.related!.map((r) => [r.relation, r.id]),
    );
    expect(related.length).toBeGreaterThan(0);
    expect(relatedEntries('xenprojectcredit')).toEqual([]);
    expect(relatedEntries('nope')).toEqual([]);
  });

  it('entriesByYear gives the entries of a year sorted by ID', () => {
    const { entriesByYear } = api();
    const ids = entriesByYear(2002).map((e) => e.id);
    expect(ids).toEqual(bibliography.entries.filter((e) => e.year === 2002).map((e) => e.id));
    expect(ids.length).toBeGreaterThan(1);
    expect(entriesByYear(1066)).toEqual([]);
  });

  it('findByDoi accepts any spelling of a DOI, and alternate DOIs', () => {
    const { findByDoi, normalizeDoi } = api();
    for (const spelling of [
      '10.1145/945445.945462',
      '10.1145/945445.945462'.toUpperCase(),
      'https://doi.org/10.1145/945445.945462',
      'http://dx.doi.org/10.1145/945445.945462',
      'doi:10.1145/945445.945462',
      ' DOI: 10.1145/945445.945462. ',
      'https://doi.org/10.1145%2F945445.945462',
    ]) {
      expect(findByDoi(spelling)?.id, spelling).toBe('barham2003xen');
    }
    expect(findByDoi('10.1145/844128.844162')?.id).toBe('osman2002design');
    expect(findByDoi('10.9999/none')).toBeUndefined();
    expect(normalizeDoi('https://doi.org/10.1109/MC.1974.6323581')).toBe('10.1109/mc.1974.6323581');
  });
});

describe('the type declarations', () => {
  it('are the same for ESM and CommonJS and declare every export', () => {
    const mts = readDist('index.d.mts');
    expect(readDist('index.d.cts')).toBe(mts);
    for (const name of EXPORTS) expect(mts).toMatch(new RegExp(`export declare (const|function) ${name}\\b`));
  });

  it('are self-contained: no imports', () => {
    expect(readDist('index.d.mts')).not.toMatch(/^\s*import\b|\brequire\(|from '/m);
    expect(readDist('index.mjs')).not.toMatch(/^\s*import\b|\brequire\(/m);
    expect(readDist('index.cjs')).not.toMatch(/^\s*import\b|\brequire\(/m);
  });
});
