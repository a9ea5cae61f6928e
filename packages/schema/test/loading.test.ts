import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDatasetFiles, loadDataset } from '../src/files/dataset.js';
import { validateDataset } from '../src/validate.js';
import { makeDataset, topicsYaml, validEntry } from './helpers.js';

async function findings(dir: string) {
  const { diagnostics } = await validateDataset(dir, { threads: 1 });
  return diagnostics.map(({ code, file, line, column, message }) => ({ code, file, line, column, message }));
}

const codesOf = async (dir: string) => (await findings(dir)).map(({ code, file }) => ({ code, file }));

describe('what the loader refuses, and how it says so', () => {
  it('a dataset without topics.yaml is an error, not a pass', async () => {
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') }, { topics: false });
    const found = await findings(dir);
    expect(found).toEqual([
      expect.objectContaining({ code: 'file-missing', file: 'topics.yaml', line: 0, column: 0 }),
    ]);
    expect(found[0]!.message).toContain('does not exist');
  });

  it('a directory named like an entry is a diagnostic, not EISDIR', async () => {
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') });
    mkdirSync(join(dir, 'entries/doe2020b.yaml'));
    const found = await findings(dir);
    expect(found).toEqual([
      expect.objectContaining({ code: 'file-not-regular', file: 'entries/doe2020b.yaml' }),
    ]);
    expect(found[0]!.message).toBe('Is a directory, not a data file.');
  });

  it('a directory named topics.yaml is a diagnostic, and the other files are still checked', async () => {
    const dir = makeDataset(
      { 'entries/doe2020a.yaml': validEntry('doe2020a', 'jornal: x\n') },
      { topics: false },
    );
    mkdirSync(join(dir, 'topics.yaml'));
    expect(await codesOf(dir)).toEqual([
      { code: 'schema-unknown-field', file: 'entries/doe2020a.yaml' },
      { code: 'file-not-regular', file: 'topics.yaml' },
    ]);
  });

  it('loadDataset (used by the data build and diff) does not throw on a directory either', () => {
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') });
    mkdirSync(join(dir, 'entries/doe2020b.yaml'));
    expect(loadDataset(dir).entries.map((e) => e.entry.id)).toEqual(['doe2020a']);
  });

  it('a symlink that leaves the dataset is refused: not parsed, none of its lines echoed', async () => {
    const outside = makeDataset({ 'secret.yaml': 'password: hunter2\nid: [broken\n' });
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') });
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'entries/doe2020b.yaml'));
    const { diagnostics, dataset } = await validateDataset(dir, { threads: 1 });
    expect(diagnostics.map(({ code, file, line }) => ({ code, file, line }))).toEqual([
      { code: 'file-symlink', file: 'entries/doe2020b.yaml', line: 0 },
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain('hunter2');
    expect(dataset.entries).toHaveLength(1);
  });

  it('a symlink to another file inside the dataset is read through', async () => {
    const dir = makeDataset({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'shared/doe2020b.yaml': validEntry('doe2020b'),
      'topics.yaml': topicsYaml(['doe2020a', 'doe2020b']),
    });
    symlinkSync('../shared/doe2020b.yaml', join(dir, 'entries/doe2020b.yaml'));
    const { diagnostics, dataset } = await validateDataset(dir, { threads: 1 });
    expect(diagnostics).toEqual([]);
    const linked = dataset.entries.find((e) => e.entry.id === 'doe2020b')!;
    // Writes go to the file the link points at, so the link stays a link.
    expect(linked.source.path).toBe(join(dir, 'shared/doe2020b.yaml'));
    expect(linked.source.file).toBe('entries/doe2020b.yaml');
  });

  it('a symlink loop and a dangling symlink are diagnostics, not internal errors', async () => {
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') });
    symlinkSync('doe2020b.yaml', join(dir, 'entries/doe2020b.yaml'));
    symlinkSync('nowhere.yaml', join(dir, 'entries/doe2020c.yaml'));
    const found = await findings(dir);
    expect(found.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'file-symlink', file: 'entries/doe2020b.yaml' },
      { code: 'file-symlink', file: 'entries/doe2020c.yaml' },
    ]);
    expect(found[0]!.message).toContain('loop');
    expect(found[1]!.message).toContain('points to nothing');
  });

  it('a FIFO named like an entry is refused at once instead of waiting for a writer', async () => {
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') });
    execFileSync('mkfifo', [join(dir, 'entries/doe2020b.yaml')]);
    const found = await findings(dir);
    expect(found.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'file-not-regular', file: 'entries/doe2020b.yaml' },
    ]);
    expect(found[0]!.message).toContain('FIFO');
  });

  it('a dataset directory that does not exist says so', () => {
    expect(() => listDatasetFiles('/nonexistent/virtbib')).toThrow(/does not exist/);
  });

  it('an empty file (or one of blanks and comments) is one error: the file is empty', async () => {
    const dir = makeDataset({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'entries/doe2020b.yaml': '',
      'entries/doe2020c.yaml': '# nothing yet\n\n',
    });
    const found = await findings(dir);
    expect(found.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'file-empty', file: 'entries/doe2020b.yaml' },
      { code: 'file-empty', file: 'entries/doe2020c.yaml' },
    ]);
    expect(found[0]!.message).toBe('The file is empty.');
  });

  it('a .yml file is one error', async () => {
    const dir = makeDataset({ 'entries/doe2020a.yml': validEntry('doe2020a') });
    expect(await codesOf(dir)).toEqual([{ code: 'file-extension', file: 'entries/doe2020a.yml' }]);
  });

  it('a tab in the indentation is one error', async () => {
    const dir = makeDataset({
      'entries/doe2020a.yaml': validEntry('doe2020a').replace('    given: Jane', '\tgiven: Jane'),
    });
    expect(await findings(dir)).toEqual([
      expect.objectContaining({ code: 'no-tabs', file: 'entries/doe2020a.yaml', line: 6, column: 1 }),
    ]);
  });

  it('a tab inside a quoted value is one error, and the rest of the file is still checked', async () => {
    const dir = makeDataset({
      'entries/doe2020a.yaml': validEntry('doe2020a', 'jornal: x\n').replace(
        'title: A Title for doe2020a',
        'title: "A\tTitle"',
      ),
    });
    expect(await codesOf(dir)).toEqual([
      { code: 'no-tabs', file: 'entries/doe2020a.yaml' },
      { code: 'schema-unknown-field', file: 'entries/doe2020a.yaml' },
    ]);
  });

  it('a UTF-8-encoded surrogate (ED A0 80) is reported at its byte and line', async () => {
    const text = Buffer.from(validEntry('doe2020a').replace('Jane', 'Ja?e'), 'latin1');
    const at = text.indexOf('?');
    const bytes = Buffer.concat([
      text.subarray(0, at),
      Buffer.from([0xed, 0xa0, 0x80]),
      text.subarray(at + 1),
    ]);
    const found = await findings(makeDataset({ 'entries/doe2020a.yaml': bytes }));
    expect(found).toEqual([
      {
        code: 'encoding',
        file: 'entries/doe2020a.yaml',
        line: 6,
        column: 14,
        message: `Byte 0xed at offset ${at} is not valid UTF-8.`,
      },
    ]);
  });

  it('overlong encodings and code points past U+10FFFF are found too', async () => {
    for (const bad of [
      [0xe0, 0x80, 0xaf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x80, 0x80, 0xaf],
    ]) {
      const bytes = Buffer.concat([Buffer.from('id: a'), Buffer.from(bad), Buffer.from('\n')]);
      const found = await findings(makeDataset({ 'entries/doe2020a.yaml': bytes }));
      expect(found).toEqual([
        expect.objectContaining({
          code: 'encoding',
          line: 1,
          column: 6,
          message: expect.stringContaining('offset 5'),
        }),
      ]);
    }
  });
});

describe('YAML anchors and aliases', () => {
  // Nine levels of nine aliases each: a walk that expanded them would visit 9^9 (~387 million) nodes.
  const bomb = [
    'a0: &a0 [x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 8 }, (_, i) => {
      const prev = `*a${i}`;
      return `a${i + 1}: &a${i + 1} [${Array(9).fill(prev).join(', ')}]`;
    }),
  ].join('\n');

  it('are refused in entries, topics and notes before anything walks the document', async () => {
    const dir = makeDataset(
      {
        'entries/doe2020a.yaml': `${validEntry('doe2020a')}${bomb}\n`,
        'notes/n.yaml': `id: n\n${bomb}\n`,
        'topics.yaml': `${bomb}\n`,
      },
      { topics: false },
    );
    const found = await findings(dir);
    expect(found.map(({ code, file, line }) => ({ code, file, line }))).toEqual([
      { code: 'yaml-alias', file: 'entries/doe2020a.yaml', line: 13 },
      { code: 'yaml-alias', file: 'notes/n.yaml', line: 2 },
      { code: 'yaml-alias', file: 'topics.yaml', line: 1 },
    ]);
  });

  it('an anchor on a scalar is refused too, at the anchor', async () => {
    const text = validEntry('doe2020a').replace('title: A Title for doe2020a', 'title: &t A Title');
    expect(await findings(makeDataset({ 'entries/doe2020a.yaml': text }))).toEqual([
      expect.objectContaining({ code: 'yaml-alias', line: 3, column: 8 }),
    ]);
  });

  it('an ampersand or an asterisk inside a value is not an anchor', async () => {
    const text = validEntry('doe2020a').replace(
      'title: A Title for doe2020a',
      'title: Design & Evaluation *and* more',
    );
    expect(await findings(makeDataset({ 'entries/doe2020a.yaml': text }))).toEqual([]);
  });
});

describe('dataset listing', () => {
  it('lists topics.yaml whether or not it exists, so that its absence is reported', () => {
    const dir = makeDataset({ 'entries/doe2020a.yaml': validEntry('doe2020a') }, { topics: false });
    expect(listDatasetFiles(dir).map((f) => f.file)).toEqual(['entries/doe2020a.yaml', 'topics.yaml']);
    rmSync(join(dir, 'entries/doe2020a.yaml'));
    writeFileSync(join(dir, 'entries/doe2020a.yaml.0123456789ab.tmp'), 'partial');
    expect(listDatasetFiles(dir).map((f) => f.file)).toEqual(['topics.yaml']);
  });
});
