import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packCache, unpackCache } from '../src/cache/cache-file.js';
import { makeDataset, topicsYaml, validEntry } from './helpers.js';

// The worker runs the built module: these tests import dist, where the worker script exists as JavaScript.
// The limit is for a hang on a loaded machine, not a measure of speed.
const built = () =>
  Promise.all([
    import('../dist/cache/identities.js') as Promise<typeof import('../src/cache/identities.js')>,
    import('../dist/cache/file-identity.js') as Promise<typeof import('../src/cache/file-identity.js')>,
    import('../dist/cache/listed-identities.js') as Promise<
      typeof import('../src/cache/listed-identities.js')
    >,
    import('../dist/index.js') as Promise<typeof import('../src/index.js')>,
  ]);

describe('file identities on two threads', { timeout: 120_000 }, () => {
  it('gives, path by path, what identityOf gives on this thread, links and missing files included', async () => {
    const [{ startIdentities, identityAt, CHUNK }, { identityOf }] = await built();
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-identities-'));
    const paths: string[] = [];
    // Enough files for many chunks, so that both threads take some, with the odd ones spread through.
    for (let i = 0; i < CHUNK * 9 + 17; i++) {
      const path = join(dir, `f${i}.yaml`);
      if (i % 97 === 5) symlinkSync(join(dir, 'f0.yaml'), path);
      else if (i % 89 === 7) mkdirSync(path);
      else if (i % 83 !== 3) writeFileSync(path, 'x'.repeat(i % 50));
      paths.push(path);
    }
    const here = paths.map(identityOf);
    expect(here.filter((x) => x === undefined).length).toBeGreaterThan(60);
    const read = (values: Float64Array) => paths.map((_, i) => identityAt(values, i));
    expect(read(await startIdentities(paths, true).finish())).toEqual(here);
    // Without the worker the answer is the same.
    expect(read(await startIdentities(paths, false).finish())).toEqual(here);
  });

  it('handles an empty list and a list shorter than one chunk', async () => {
    const [{ startIdentities, identityAt }, { identityOf }] = await built();
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-identities-'));
    writeFileSync(join(dir, 'a.yaml'), 'a');
    expect((await startIdentities([], true).finish()).length).toBe(0);
    const one = [join(dir, 'a.yaml'), join(dir, 'missing.yaml')];
    const values = await startIdentities(one, true).finish();
    const got = one.map((_, i) => identityAt(values, i));
    expect(got).toEqual(one.map(identityOf));
    expect(got[0]).toHaveLength(5);
    expect(got[1]).toBeUndefined();
  });

  it('lists on the worker as listDatasetFiles does, and gives each listed file its identity, whatever the guess', async () => {
    const [{ CHUNK }, { identityOf }, { startListedIdentities }, { listDatasetFiles }] = await built();
    const files: Record<string, string> = { 'topics.yaml': 'topics: []\n', 'notes/n.yaml': 'x: 1\n' };
    // Enough entries for several chunks, so that the guess, the worker and the caller each take some.
    for (let i = 0; i < CHUNK * 6 + 11; i++)
      files[`entries/e${String(i).padStart(5, '0')}.yaml`] = `id: e${i}\n`;
    files['entries/odd.yml'] = 'id: odd\n';
    const dir = makeDataset(files);
    symlinkSync('e00001.yaml', join(dir, 'entries/linked.yaml'));
    mkdirSync(join(dir, 'entries/folder.yaml'));
    const list = listDatasetFiles(dir);
    const names = list.map(({ file }) => file);
    const expected = names.map((file) => identityOf(join(dir, file)));
    expect(expected.filter((x) => x === undefined)).toHaveLength(2);
    const guesses: [string, string[] | undefined][] = [
      ['none', undefined],
      ['right', names],
      ['empty', []],
      ['shifted by one', names.slice(1)],
      ['one too many', ['entries/a.yaml', ...names]],
      ['longer than the list', [...names, ...names]],
      ['reversed', [...names].reverse()],
      ['every other name right', names.map((n, i) => (i % 2 ? n : `${n}x`))],
    ];
    for (const [what, guess] of guesses) {
      const run = await startListedIdentities(dir).listed(guess);
      expect(run.list, what).toEqual(list);
      const values = await run.identities.finish();
      expect(values.length, what).toBe(names.length * 5);
      const { identityAt } = (await built())[0];
      expect(
        names.map((_, i) => identityAt(values, i)),
        what,
      ).toEqual(expected);
    }
  });

  it('reports a folder that is not a dataset as listDatasetFiles would, whatever the guess', async () => {
    const [, , { startListedIdentities }, { UsageError }] = await built();
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-identities-'));
    for (const guess of [undefined, ['entries/a.yaml']]) {
      const failed = await startListedIdentities(join(dir, 'missing'))
        .listed(guess)
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(UsageError);
      expect((failed as Error).message).toBe(`${join(dir, 'missing')} does not exist.`);
    }
  });

  it('a warm validation listed aside reports what a run without cache does, files added, gone and edited', async () => {
    const [, , , { validateDataset }] = await built();
    const files: Record<string, string> = {};
    const ids = Array.from({ length: 700 }, (_, i) => `doe2020e${i}`);
    for (const id of ids) files[`entries/${id}.yaml`] = validEntry(id);
    files['entries/doe2020e3.yaml'] = validEntry('doe2020e3', 'jornal: x\n');
    files['entries/doe2020e4.yaml'] = validEntry('doe2020e4').replace('title: A Title', 'title: [oops');
    files['topics.yaml'] = topicsYaml(ids);
    const dir = makeDataset(files);
    const cache = join(dir, '.cache');
    const plain = async () => {
      const run = await validateDataset(dir, { threads: 1, readAhead: false, keepData: false });
      return { diagnostics: run.diagnostics, notChecked: run.notChecked };
    };
    const cached = async () => {
      const run = await validateDataset(dir, { cache, listAside: true });
      return { run, report: { diagnostics: run.diagnostics, notChecked: run.notChecked } };
    };
    const cold = await cached();
    expect(cold.run.readCount).toBe(cold.run.fileCount);
    expect(cold.report).toEqual(await plain());
    // The files may be too recent to trust by their identity: each run's start time is moved forward.
    const age = () => {
      const data = unpackCache(readFileSync(cache))!;
      writeFileSync(
        cache,
        packCache({ ...data, header: { ...data.header, startedAt: Date.now() + 60_000 } }),
      );
    };
    const edits: [string, () => void][] = [
      ['nothing changed', () => {}],
      [
        'an entry edited',
        () => writeFileSync(join(dir, 'entries/doe2020e9.yaml'), validEntry('doe2020e9', 'jornal: y\n')),
      ],
      ['an entry added', () => writeFileSync(join(dir, 'entries/doe2020e0a.yaml'), validEntry('doe2020e0a'))],
      ['an entry gone', () => unlinkSync(join(dir, 'entries/doe2020e5.yaml'))],
    ];
    for (const [what, edit] of edits) {
      age();
      edit();
      const warm = await cached();
      expect(warm.report, what).toEqual(await plain());
      if (what === 'nothing changed') expect(warm.run.readCount, what).toBe(0);
      else expect(warm.run.readCount, what).toBeLessThan(warm.run.fileCount);
    }
  });
});
