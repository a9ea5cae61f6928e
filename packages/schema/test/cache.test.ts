import { readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trustIdentity } from '../src/cache/cache.js';
import { packCache, unpackCache } from '../src/cache/cache-file.js';
import { validateDataset } from '../src/validate.js';
import { makeDataset, topicsYaml, validEntry } from './helpers.js';

/** A dataset with findings of every stage: read, schema, per-file rules, cross-file rules, a waiver. */
function faulty(): string {
  const ids = ['doe2020a', 'doe2020b', 'doe2020c', 'doe2020d', 'doe2020e'];
  return makeDataset({
    'entries/doe2020a.yaml': validEntry('doe2020a', 'doi: 10.1145/1\n'),
    'entries/doe2020b.yaml': validEntry('doe2020b', 'doi: 10.1145/1\njornal: x\n'),
    'entries/doe2020c.yaml': validEntry('doe2020c').replace('title: A Title for doe2020c', 'title: [oops'),
    'entries/doe2020d.yaml': validEntry('doe2020d', 'urls:\n  landing: http://example.org/d\n'),
    'entries/doe2020e.yaml': validEntry(
      'doe2020e',
      'urls:\n  landing: http://example.org/e\n',
      '  waivers:\n    - rule: url-https\n      reason: The host serves this page only over plain http.\n',
    ),
    'topics.yaml': topicsYaml([...ids, 'doe2099zz']),
  });
}

const report = async (dir: string) => {
  const { diagnostics, notChecked } = await validateDataset(dir, { threads: 1 });
  return { diagnostics, notChecked };
};

/** A cache file's header and columns as one object, to be edited and written back with writeCacheFile. */
function readCacheFile(cache: string) {
  const unpacked = unpackCache(readFileSync(cache));
  if (!unpacked) throw new Error(`${cache} does not unpack`);
  const { header, ...columns } = unpacked;
  return { ...header, ...columns } as Record<string, unknown> & Omit<typeof unpacked, 'header'>;
}

function writeCacheFile(cache: string, data: ReturnType<typeof readCacheFile>): void {
  const { files, identities, hashes, digestHashes, ...header } = data;
  writeFileSync(cache, packCache({ header, files, identities, hashes, digestHashes }));
}

/** Moves the cache's start time forward, as if the files had been written long before the cached run. */
function age(cache: string): void {
  const data = readCacheFile(cache);
  data.startedAt = Date.now() + 60_000;
  writeCacheFile(cache, data);
}

describe('validation cache', () => {
  it('a second run reads nothing that did not change, and reports exactly what a run without cache does', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    const expected = await report(dir);
    expect(expected.diagnostics.length).toBeGreaterThan(3);
    expect(expected.notChecked.length).toBeGreaterThan(0);

    const first = await validateDataset(dir, { cache });
    expect({ diagnostics: first.diagnostics, notChecked: first.notChecked }).toEqual(expected);
    expect(first.cachedCount).toBe(0);
    age(cache);
    const second = await validateDataset(dir, { cache });
    expect({ diagnostics: second.diagnostics, notChecked: second.notChecked }).toEqual(expected);
    // Every file comes from the cache unread, the one that does not parse included (its error is cached).
    expect(second.readCount).toBe(0);
    expect(second.cachedCount).toBe(second.fileCount);
  });

  it('one changed file is checked again, and the cross-file findings follow it', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    // doe2020b no longer shares doe2020a's DOI: both duplicate-doi findings must go.
    writeFileSync(join(dir, 'entries/doe2020b.yaml'), validEntry('doe2020b', 'doi: 10.1145/2\njornal: x\n'));
    const again = await validateDataset(dir, { cache });
    expect(again.readCount).toBe(1);
    expect({ diagnostics: again.diagnostics, notChecked: again.notChecked }).toEqual(await report(dir));
    expect(again.diagnostics.map((d) => d.code)).not.toContain('duplicate-doi');
  });

  it('a touched file with the same bytes is read but not parsed again', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(dir, 'entries/doe2020a.yaml'), later, later);
    const again = await validateDataset(dir, { cache });
    expect(again.readCount).toBe(1);
    expect(again.cachedCount).toBe(again.fileCount);
    expect({ diagnostics: again.diagnostics, notChecked: again.notChecked }).toEqual(await report(dir));
  });

  it('a deleted file leaves the cache, and the references to it are reported', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    unlinkSync(join(dir, 'entries/doe2020d.yaml'));
    const again = await validateDataset(dir, { cache });
    expect(again.diagnostics).toEqual((await report(dir)).diagnostics);
    expect(again.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'reading-order', message: 'Entry "doe2020d" does not exist.' }),
    );
  });

  it('a corrupt cache is ignored, never trusted, and written anew', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    const expected = await report(dir);
    for (const garbage of ['{', '[]', '{"format":"virtbib-validate-cache/1"}', 'null']) {
      writeFileSync(cache, garbage);
      const run = await validateDataset(dir, { cache });
      expect(run.cachedCount).toBe(0);
      expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }).toEqual(expected);
      expect(readCacheFile(cache).files.length).toBeGreaterThan(0);
    }
  });

  it('a cache written by other code, or in another year, is stale: ignored as a whole', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    const data = readCacheFile(cache);
    data.fingerprint = `${String(data.fingerprint).split(':')[0]}:1999`;
    data.startedAt = Date.now() + 60_000;
    writeCacheFile(cache, data);
    expect((await validateDataset(dir, { cache })).cachedCount).toBe(0);
  });

  it('a record of the wrong shape is ignored alone', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    const data = readCacheFile(cache);
    const at = data.files.indexOf('entries/doe2020a.yaml');
    expect(at).toBeGreaterThanOrEqual(0);
    (data.findings as unknown[]).push([at, [['x', 'fatal', 1, 1, 'm', 'h']]]);
    data.startedAt = Date.now() + 60_000;
    writeCacheFile(cache, data);
    const run = await validateDataset(dir, { cache });
    expect(run.readCount).toBe(1);
    expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }).toEqual(await report(dir));
  });

  it('columns that do not fit together are ignored as a whole; a bad waivers row only costs its file', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    const expected = await report(dir);
    await validateDataset(dir, { cache });
    const good = readCacheFile(cache);
    good.startedAt = Date.now() + 60_000;
    // First (the digests file still belongs to this cache): a bad waivers row only costs its file.
    const bad = { ...good, waivers: [...(good.waivers as unknown[])] };
    (bad.waivers as unknown[]).push([bad.files.indexOf('entries/doe2020a.yaml'), 5, 'not a list']);
    writeCacheFile(cache, bad);
    const alone = await validateDataset(dir, { cache });
    expect(alone.readCount).toBe(1);
    expect({ diagnostics: alone.diagnostics, notChecked: alone.notChecked }).toEqual(expected);
    const variants: [string, (data: ReturnType<typeof readCacheFile>) => void][] = [
      [
        'identities one file short',
        (d) => {
          d.identities = d.identities.subarray(40);
        },
      ],
      [
        'hashes one character short',
        (d) => {
          d.hashes = d.hashes.slice(1);
        },
      ],
      [
        'a digest hash too many',
        (d) => {
          d.digestHashes = `${d.digestHashes}${'x'.repeat(22)}`;
        },
      ],
      [
        'a name too many',
        (d) => {
          d.files = [...d.files, 'entries/doe2020f.yaml'];
        },
      ],
      [
        'findings that are not a list',
        (d) => {
          d.findings = 'none';
        },
      ],
    ];
    for (const [what, spoil] of variants) {
      const data = { ...good, identities: good.identities.slice() };
      spoil(data);
      writeCacheFile(cache, data);
      const run = await validateDataset(dir, { cache });
      expect(run.cachedCount, what).toBe(0);
      expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }, what).toEqual(expected);
    }
  });

  it('a forged digests file never reaches the rules: the files are read again instead', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    const digests = JSON.parse(readFileSync(`${cache}.digests`, 'utf8'));
    const topics = digests.digests.find((row: unknown[]) => row[0] === 'topics.yaml');
    topics[1] = { kind: 'topics', topics: { topics: 5, complete: true } };
    writeFileSync(`${cache}.digests`, JSON.stringify(digests));
    // A changed title changes the entry's digest: the cross-file rules must run, and need every digest.
    writeFileSync(
      join(dir, 'entries/doe2020d.yaml'),
      validEntry('doe2020d').replace('A Title for doe2020d', 'A Title for doe2020a'),
    );
    const run = await validateDataset(dir, { cache });
    expect(run.readCount).toBe(run.fileCount);
    expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }).toEqual(await report(dir));
    expect(run.diagnostics.map((d) => d.code)).toContain('duplicate-title');
  });

  it('a change that keeps the digest reuses the cross-file results, without reading the digests', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    unlinkSync(`${cache}.digests`);
    // doe2020d has no cross-file finding (doe2020a has: its DOI is doe2020b's too).
    const path = join(dir, 'entries/doe2020d.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('written by a test', 'written by a test, edited'));
    const run = await validateDataset(dir, { cache });
    expect(run.readCount).toBe(1);
    expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }).toEqual(await report(dir));
    // So few changes leave the cache as it was: the next run checks that one file again, with the same result.
    const again = await validateDataset(dir, { cache });
    expect(again.readCount).toBe(1);
    expect({ diagnostics: again.diagnostics, notChecked: again.notChecked }).toEqual(await report(dir));
  });

  it('a change of the digest reruns the cross-file rules from the digests, the other files unread', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    writeFileSync(
      join(dir, 'entries/doe2020d.yaml'),
      validEntry('doe2020d').replace('A Title for doe2020d', 'A Title for doe2020a'),
    );
    const run = await validateDataset(dir, { cache });
    expect(run.readCount).toBe(1);
    expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }).toEqual(await report(dir));
    expect(run.diagnostics.map((d) => d.code)).toContain('duplicate-title');
  });

  it('holds small results per file, not the parsed dataset', async () => {
    const dir = faulty();
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    const text = readFileSync(cache, 'utf8');
    expect(text).not.toContain('A synthetic entry written by a test.');
    expect(text).not.toContain('Doe');
  });

  it('never caches a file reached through a symbolic link', async () => {
    const dir = makeDataset({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'shared/doe2020b.yaml': validEntry('doe2020b'),
      'topics.yaml': topicsYaml(['doe2020a', 'doe2020b']),
    });
    symlinkSync('../shared/doe2020b.yaml', join(dir, 'entries/doe2020b.yaml'));
    const cache = join(dir, 'cache.json');
    await validateDataset(dir, { cache });
    age(cache);
    const again = await validateDataset(dir, { cache });
    expect(again.readCount).toBe(1);
    expect(again.diagnostics).toEqual([]);
  });

  it('a cache that cannot be written does not fail validation', async () => {
    const dir = faulty();
    const expected = await report(dir);
    const run = await validateDataset(dir, { cache: join(dir, 'topics.yaml', 'cache.json') });
    expect({ diagnostics: run.diagnostics, notChecked: run.notChecked }).toEqual(expected);
    rmSync(join(dir, 'cache.json'), { force: true });
  });

  it('does not trust the identity of a file written within the file-time granularity of the cached run', () => {
    const mtime = statSync(import.meta.filename).mtimeMs;
    const identity = [1, 2, 3, mtime, mtime] as const;
    expect(trustIdentity(identity, identity, mtime + 500)).toBe(false);
    expect(trustIdentity(identity, identity, mtime + 10_000)).toBe(true);
    expect(trustIdentity(identity, [1, 2, 4, mtime, mtime], mtime + 10_000)).toBe(false);
  });
});
