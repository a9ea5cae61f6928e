import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataset, seededRandom, topicsYaml, validEntry } from './helpers.js';

// The worker runs the built module: these tests import dist, where the worker script exists as JavaScript.
// Starting a worker takes a while on a loaded machine: the limits are for a hang, not a measure of speed.
const built = () =>
  Promise.all([
    import('../dist/files/read-ahead.js') as Promise<typeof import('../src/files/read-ahead.js')>,
    import('../dist/files/read-file.js') as Promise<typeof import('../src/files/read-file.js')>,
    import('../dist/index.js') as Promise<typeof import('../src/index.js')>,
  ]);

/** What a read gives, comparable: the bytes as text, or the problem's code and message, and the path. */
function comparable(read: import('../src/files/read-file.js').FileRead) {
  return 'problem' in read
    ? { problem: read.problem }
    : { text: Buffer.from(read.bytes).toString('latin1'), path: read.path };
}

describe('reading ahead on a worker thread', { timeout: 120_000 }, () => {
  it('marks as printable ASCII only line feeds and 0x20-0x7E, the bytes that decode to no tab, control or non-ASCII character', async () => {
    const { isPrintableAscii } = await import('../src/files/read-file.js');
    for (let b = 0; b < 256; b++)
      expect(isPrintableAscii(Uint8Array.of(0x61, b, 0x0a)), String(b)).toBe(
        b === 0x0a || (b >= 0x20 && b <= 0x7e),
      );
    expect(isPrintableAscii(Buffer.from('id: x\ntitle: "A: b"\n'))).toBe(true);
    expect(isPrintableAscii(Buffer.from('title: caf\u00e9\n'))).toBe(false);
    // It looks at four bytes at a time where they are aligned: views at every offset and length, with the
    // odd byte anywhere, must answer as a byte-by-byte look does.
    const plain = (bytes: Uint8Array) => bytes.every((b) => b === 0x0a || (b >= 0x20 && b <= 0x7e));
    const odd = [0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x7f, 0x80, 0xc3, 0xff];
    const pool = Buffer.alloc(64);
    const next = seededRandom(0x1234567);
    for (let round = 0; round < 50_000; round++) {
      const start = next(8);
      const bytes = pool.subarray(start, start + next(40));
      for (let i = 0; i < bytes.length; i++)
        bytes[i] = next(12) === 0 ? odd[next(odd.length)]! : 0x20 + next(95);
      expect(isPrintableAscii(bytes), String(round)).toBe(plain(bytes));
    }
  });

  it('gives every file, in order, as readDataFile does, through a small pool of buffers', async () => {
    const [{ readAhead }, { readDataFile }] = await built();
    const files: Record<string, string> = {};
    // Sizes from nothing to past the batch size, so that batches fill, overflow and a file gets its own buffer.
    for (let i = 0; i < 300; i++)
      files[`entries/f${String(i).padStart(3, '0')}.yaml`] = 'x'.repeat((i * 37) % 900);
    files['entries/large.yaml'] = 'y'.repeat(5000);
    const dir = makeDataset(files, { topics: false });
    mkdirSync(join(dir, 'entries/folder.yaml'));
    execFileSync('mkfifo', [join(dir, 'entries/fifo.yaml')]);
    symlinkSync('f001.yaml', join(dir, 'entries/inside.yaml'));
    writeFileSync(join(dir, 'secret.txt'), 'hunter2');
    symlinkSync('../../secret.txt', join(dir, 'entries/outside.yaml'));
    symlinkSync('nowhere.yaml', join(dir, 'entries/dangling.yaml'));
    writeFileSync(join(dir, 'entries/too-large.yaml'), 'z'.repeat(3000));
    const list = [
      ...Object.keys(files).map((file) => join(dir, file)),
      ...['folder', 'fifo', 'inside', 'outside', 'dangling', 'missing', 'too-large'].map((name) =>
        join(dir, `entries/${name}.yaml`),
      ),
    ].map((path) => ({ path, limit: path.endsWith('too-large.yaml') ? 2000 : 1024 * 1024 }));
    const expected = list.map(({ path, limit }) => comparable(readDataFile(path, dir, limit)));

    const got: ReturnType<typeof comparable>[] = [];
    let batches = 0;
    for await (const batch of readAhead(dir, list, { batchBytes: 4096, inFlight: 2 })) {
      batches++;
      for (const read of batch) got.push(comparable(read));
    }
    expect(got).toEqual(expected);
    expect(batches).toBeGreaterThan(20);
    // The link inside the dataset is read through and names the file it points at.
    expect(got[list.findIndex((f) => f.path.endsWith('inside.yaml'))]).toMatchObject({
      path: join(dir, 'entries/f001.yaml'),
    });
    expect(JSON.stringify(got)).not.toContain('hunter2');
  });

  it('stops the worker when the caller stops early', async () => {
    const [{ readAhead }] = await built();
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`entries/f${i}.yaml`] = `n: ${i}\n`.repeat(50);
    const dir = makeDataset(files, { topics: false });
    const list = Object.keys(files).map((file) => ({ path: join(dir, file), limit: 1 << 20 }));
    let seen = 0;
    for await (const batch of readAhead(dir, list, { batchBytes: 1024, inFlight: 1 })) {
      seen += batch.length;
      if (seen > 10) break;
    }
    expect(seen).toBeLessThan(200);
    // A second run over the same files still gives all of them: nothing was left waiting.
    let all = 0;
    for await (const batch of readAhead(dir, list)) all += batch.length;
    expect(all).toBe(200);
  });

  it('starts before it knows what to read: reads what it is given later, and never holds the process', async () => {
    const [{ startReadAhead }, { readDataFile }] = await built();
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`entries/f${i}.yaml`] = `n: ${i}\n`;
    const dir = makeDataset(files, { topics: false });
    const list = Object.keys(files).map((file) => ({ path: join(dir, file), limit: 1 << 20 }));
    const early = startReadAhead();
    const texts: string[] = [];
    for await (const batch of early.read(dir, list, { batchBytes: 64, inFlight: 2 }))
      for (const read of batch) texts.push('bytes' in read ? Buffer.from(read.bytes).toString() : 'problem');
    expect(texts).toEqual(Object.values(files));
    // Asked to list a dataset, it lists as listDatasetFiles does and reads every file listed but
    // topics.yaml, which is left to the caller.
    const { listDatasetFiles } = await import('../dist/files/dataset.js');
    writeFileSync(join(dir, 'entries/odd.yml'), 'n: odd\n');
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes/a.yaml'), 'n: note\n');
    const listing = await startReadAhead().listAndRead(dir, { batchBytes: 64, inFlight: 2 });
    expect(listing.list).toEqual(listDatasetFiles(dir));
    const reads: ReturnType<typeof comparable>[] = [];
    for await (const batch of listing.batches) for (const read of batch) reads.push(comparable(read));
    expect(listing.list.filter(({ kind }) => kind === 'topics')).toEqual([
      { kind: 'topics', file: 'topics.yaml', index: 51 },
    ]);
    expect(reads).toEqual(
      listing.list
        .filter(({ kind }) => kind !== 'topics')
        .map(({ file }) => comparable(readDataFile(join(dir, file), dir, 1 << 20))),
    );
    expect(reads.at(-1)).toMatchObject({ text: 'n: note\n' });
    // What is not a dataset is refused as listDatasetFiles refuses it, and the worker is let go.
    await expect(startReadAhead().listAndRead(join(dir, 'entries'))).rejects.toMatchObject({
      name: 'UsageError',
      message: expect.stringContaining('is not a dataset directory'),
    });
    // Stopped without being given anything: it cannot be used after that.
    const unused = startReadAhead();
    await unused.stop();
    await expect(unused.read(dir, list).next()).rejects.toThrow(/stopped/);
    // Started and forgotten, it does not keep a process from ending.
    const script = `import(${JSON.stringify(new URL('../dist/files/read-ahead.js', import.meta.url).href)}).then((m) => { m.startReadAhead(); console.log('started'); })`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 })).toBe(
      'started\n',
    );
  });

  it('validation reports the same findings with and without it', async () => {
    const [, , { validateDataset }] = await built();
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`entries/doe2020e${i}.yaml`] = validEntry(`doe2020e${i}`);
    files['entries/doe2020e3.yaml'] = validEntry('doe2020e3', 'doi: HTTPS://doi.org/10.1/X\n');
    files['entries/doe2020e4.yaml'] = validEntry('doe2020e4', 'jornal: x\n');
    files['entries/doe2020e5.yaml'] = validEntry('doe2020e5').replace('title: A Title', 'title: [oops');
    files['entries/doe2020e6.yaml'] = `\uFEFF${validEntry('doe2020e6')}`;
    files['entries/doe2020e7.yaml'] = Buffer.concat([
      Buffer.from('id: x\ntitle: '),
      Buffer.from([0xc3, 0x28]),
    ]) as never;
    files['entries/doe2020e8.yml'] = validEntry('doe2020e8');
    // What the reader's look at the bytes must catch: a tab, a control character, a line separator, an
    // accent (the file is then searched for them as before).
    files['entries/doe2020e9.yaml'] = validEntry('doe2020e9').replace('title: A Title', 'title: "A\tTitle');
    files['entries/doe2020e10.yaml'] = validEntry('doe2020e10').replace(
      'title: A Title',
      'title: A \u0007Title',
    );
    files['entries/doe2020e11.yaml'] = validEntry('doe2020e11').replace(
      'title: A Title',
      'title: A\u2028Title',
    );
    files['entries/doe2020e12.yaml'] = validEntry('doe2020e12').replace('title: A Title', 'title: Ä Title');
    files['entries/empty.yaml'] = '';
    files['topics.yaml'] = topicsYaml(Array.from({ length: 60 }, (_, i) => `doe2020e${i}`));
    const dir = makeDataset(files);
    symlinkSync('doe2020e1.yaml', join(dir, 'entries/linked.yaml'));
    execFileSync('mkfifo', [join(dir, 'entries/fifo.yaml')]);
    // Listed on the worker (readAhead: true asks for it whatever the size), or listed here and read there
    // (with a cache), or all here.
    const ahead = await validateDataset(dir, { threads: 1, readAhead: true });
    const cached = await validateDataset(dir, { readAhead: true, cache: join(dir, '.cache') });
    const here = await validateDataset(dir, { threads: 1, readAhead: false });
    expect(ahead.diagnostics).toEqual(here.diagnostics);
    expect(ahead.notChecked).toEqual(here.notChecked);
    expect(cached.diagnostics).toEqual(here.diagnostics);
    expect(cached.readCount).toBe(cached.fileCount);
    expect(ahead.dataset.entries.map((e) => [e.source.path, e.entry])).toEqual(
      here.dataset.entries.map((e) => [e.source.path, e.entry]),
    );
    expect(new Set(here.diagnostics.map((d) => d.code))).toEqual(
      new Set([
        'doi-format',
        'schema-unknown-field',
        'yaml-syntax',
        'bom',
        'encoding',
        'file-extension',
        'file-empty',
        'file-not-regular',
        'filename-id',
        'unique-id',
        'duplicate-title',
        'no-tabs',
      ]),
    );
    expect(readFileSync(join(dir, 'entries/doe2020e1.yaml'), 'utf8')).toBe(validEntry('doe2020e1'));
  });
});
