// dist/index.mjs and dist/index.cjs: one copy of the data and one API, from import and from require.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { moduleExports } from '../scripts/lib/module/module.mjs';
import { distDir, readDist, readDistJson } from './helpers.js';

type Api = typeof import('../dist/index.mjs');

const require = createRequire(import.meta.url);
const bibliography = readDistJson<Api['dataset']>('bibliography.json');

let esm: Api;
let cjs: Api;
let EXPORTS: string[];
beforeAll(async () => {
  esm = await import(/* @vite-ignore */ pathToFileURL(join(distDir, 'index.mjs')).href);
  cjs = require(join(distDir, 'index.cjs'));
  EXPORTS = await moduleExports();
});

describe('import and require in one process', () => {
  // In a plain Node process: vitest runs imported modules through its own loader, not Node's.
  it('give the same objects: one dataset, one set of functions', () => {
    const script = `import { createRequire } from 'node:module';
import * as esm from ${JSON.stringify(pathToFileURL(join(distDir, 'index.mjs')).href)};
const cjs = createRequire(import.meta.url)(${JSON.stringify(join(distDir, 'index.cjs'))});
console.log(JSON.stringify([
  esm.dataset === cjs.dataset,
  esm.entries[0] === cjs.entries[0],
  esm.getEntry === cjs.getEntry,
  esm.getEntry('barham2003xen') === cjs.getEntry('barham2003xen'),
  Object.keys(esm).every((name) => esm[name] === cjs[name]),
]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, true, true, true, true]);
  });
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

  it('is deeply frozen, every value it returns too', () => {
    const { dataset, entries } = api();
    const unfrozen: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (value === null || typeof value !== 'object') return;
      if (!Object.isFrozen(value)) unfrozen.push(path);
      for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    walk(dataset, 'dataset');
    walk(api().entriesByTopic('overview'), 'entriesByTopic');
    walk(api().entriesByYear(2003), 'entriesByYear');
    walk(api().entriesByTopic('no-such-topic'), 'entriesByTopic(unknown)');
    walk(api().relatedEntries('bugnion1997disco'), 'relatedEntries');
    walk(api().cite('barham2003xen'), 'cite');
    expect(unfrozen).toEqual([]);
    expect(() => {
      (entries as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (entries[0] as { title: string }).title = 'x';
    }).toThrow(TypeError);
  });

  it('answers wrong argument types with a TypeError that names the function, and normalizeDoi(null) too', () => {
    const a = api() as unknown as Record<string, (arg: unknown) => unknown>;
    for (const name of ['getEntry', 'getTopic', 'getNote', 'entriesByTopic', 'relatedEntries', 'findByDoi']) {
      for (const bad of [undefined, null, 42, {}, ['barham2003xen']]) {
        expect(() => a[name]!(bad), `${name}(${String(bad)})`).toThrow(TypeError);
      }
      expect(() => a[name]!(null)).toThrow(`${name}: `);
    }
    expect(() => a.normalizeDoi!(null)).toThrow('normalizeDoi: doi must be a string, got null.');
    expect(() => a.normalizeDoi!(10.1145)).toThrow(TypeError);
    for (const bad of ['2003', 2003.5, Number.NaN, null])
      expect(() => a.entriesByYear!(bad)).toThrow(TypeError);
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
    expect(relatedEntries('bugnion1997disco')).toBe(related);
  });

  it('entriesByYear gives the entries of a year sorted by ID', () => {
    const { entriesByYear } = api();
    const ids = entriesByYear(2002).map((e) => e.id);
    expect(ids).toEqual(bibliography.entries.filter((e) => e.year === 2002).map((e) => e.id));
    expect(ids.length).toBeGreaterThan(1);
    expect(entriesByYear(1066)).toEqual([]);
  });

  it('findByDoi accepts any spelling of a DOI (alternate DOIs: build.test.ts)', () => {
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

  it('name no other package', () => {
    expect(readDist('index.d.mts')).not.toMatch(/^\s*import\b|\brequire\(|from '/m);
  });

  it('list every entry and topic ID in EntryId and TopicId', () => {
    const mts = readDist('index.d.mts');
    const union = (name: string) =>
      [...(new RegExp(`export type ${name} =([^;]*);`).exec(mts)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map(
        (m) => m[1],
      );
    expect(union('EntryId')).toEqual(bibliography.entries.map((entry) => entry.id));
    expect(union('TopicId')).toEqual(bibliography.topics.map((topic) => topic.id));
  });
});

describe('the module files', () => {
  it('load nothing but each other: index.mjs imports index.cjs, which requires data.cjs and formats.cjs', () => {
    const imports = (text: string) =>
      [...text.matchAll(/\brequire\((["'])([^"']+)\1\)|^\s*import\b.*from (["'])([^"']+)\3/gm)].map(
        (m) => m[2] ?? m[4],
      );
    expect(imports(readDist('index.mjs'))).toEqual(['./index.cjs']);
    expect(imports(readDist('index.cjs'))).toEqual(['./data.cjs', './formats.cjs']);
    expect(imports(readDist('data.cjs'))).toEqual([]);
    expect(imports(readDist('formats.cjs'))).toEqual([]);
  });

  it('load the record writers only when a record is asked for', () => {
    const fresh = require.resolve(join(distDir, 'formats.cjs'));
    const script = `const m = require(${JSON.stringify(join(distDir, 'index.cjs'))});
const loaded = () => Object.keys(require.cache).includes(${JSON.stringify(fresh)});
const before = loaded(); m.getEntry('barham2003xen'); const afterLookup = loaded();
m.toRIS('barham2003xen'); console.log(JSON.stringify([before, afterLookup, loaded()]));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual([
      false,
      false,
      true,
    ]);
  });
});
