import { describe, expect, it } from 'vitest';
import { validateDataset } from '../src/validate.js';
import { MAX_FILE_BYTES } from '../src/yaml/source.js';
import { makeDataset, validEntry } from './helpers.js';

async function findings(files: Record<string, string | Buffer>) {
  const { diagnostics } = await validateDataset(makeDataset(files), { threads: 1 });
  return diagnostics.map(({ code, file, line, column }) => ({ code, file, line, column }));
}

describe('bad input gets a precise diagnostic', () => {
  it('broken YAML: position of the syntax error', async () => {
    const text = validEntry('doe2020a').replace('title: A Title for doe2020a', 'title: [unclosed');
    expect(await findings({ 'entries/doe2020a.yaml': text })).toContainEqual(
      expect.objectContaining({ code: 'yaml-syntax', file: 'entries/doe2020a.yaml', line: 4 }),
    );
  });

  it('wrong types: a quoted year and a scalar for a list', async () => {
    const text = validEntry('doe2020a')
      .replace('year: 2020', 'year: "2020"')
      .replace('topics: [cpu]', 'topics: cpu');
    const found = await findings({ 'entries/doe2020a.yaml': text });
    expect(found).toContainEqual({ code: 'schema-type', file: 'entries/doe2020a.yaml', line: 7, column: 7 });
    expect(found).toContainEqual({ code: 'schema-type', file: 'entries/doe2020a.yaml', line: 8, column: 9 });
  });

  it('unknown fields point at the key', async () => {
    const text = validEntry('doe2020a', 'jornal: Computer\n');
    expect(await findings({ 'entries/doe2020a.yaml': text })).toContainEqual({
      code: 'schema-unknown-field',
      file: 'entries/doe2020a.yaml',
      line: 8,
      column: 1,
    });
  });

  it('a missing required field is reported on the mapping that lacks it', async () => {
    const text = validEntry('doe2020a').replace('annotation: A synthetic entry written by a test.\n', '');
    expect(await findings({ 'entries/doe2020a.yaml': text })).toContainEqual(
      expect.objectContaining({ code: 'schema-required', line: 1 }),
    );
  });

  it('duplicate IDs across files', async () => {
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'entries/doe2020b.yaml': validEntry('doe2020a').replace('A Title for', 'Another Title for'),
    });
    // Both files: in a pull request the finding must show on whichever file the change touched.
    expect(found).toContainEqual({ code: 'unique-id', file: 'entries/doe2020a.yaml', line: 1, column: 5 });
    expect(found).toContainEqual({ code: 'unique-id', file: 'entries/doe2020b.yaml', line: 1, column: 5 });
  });

  it('a duplicate key inside one file', async () => {
    const text = validEntry('doe2020a', 'year: 2021\n');
    expect(await findings({ 'entries/doe2020a.yaml': text })).toContainEqual(
      expect.objectContaining({ code: 'yaml-duplicate-key', line: 8 }),
    );
  });

  it('a tab', async () => {
    const text = validEntry('doe2020a').replace('    given: Jane', '\tgiven: Jane');
    expect(await findings({ 'entries/doe2020a.yaml': text })).toContainEqual({
      code: 'no-tabs',
      file: 'entries/doe2020a.yaml',
      line: 6,
      column: 1,
    });
  });

  it('a byte-order mark', async () => {
    const found = await findings({ 'entries/doe2020a.yaml': `\uFEFF${validEntry('doe2020a')}` });
    expect(found).toEqual([{ code: 'bom', file: 'entries/doe2020a.yaml', line: 1, column: 1 }]);
  });

  it('a byte that is not UTF-8, with its line and column', async () => {
    const text = Buffer.from(validEntry('doe2020a').replace('Jane', 'Jos?'), 'latin1');
    text[text.indexOf('?')] = 0xe9; // "é" in Latin-1: invalid as UTF-8 here
    expect(await findings({ 'entries/doe2020a.yaml': text })).toEqual([
      { code: 'encoding', file: 'entries/doe2020a.yaml', line: 6, column: 15 },
    ]);
  });

  it('a 10 MB file is refused without being parsed', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    expect(big.length).toBeGreaterThan(MAX_FILE_BYTES);
    expect(await findings({ 'entries/doe2020a.yaml': big })).toEqual([
      { code: 'file-too-large', file: 'entries/doe2020a.yaml', line: 0, column: 0 },
    ]);
  });

  it('an empty file and a file that is a list', async () => {
    const found = await findings({ 'entries/doe2020a.yaml': '', 'entries/doe2020b.yaml': '- a\n- b\n' });
    expect(found.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'file-empty', file: 'entries/doe2020a.yaml' },
      { code: 'schema-type', file: 'entries/doe2020b.yaml' },
    ]);
  });

  it('a person that is neither a person nor an organization', async () => {
    const text = validEntry('doe2020a').replace('  - family: Doe\n    given: Jane\n', '  - name: Jane Doe\n');
    expect(await findings({ 'entries/doe2020a.yaml': text })).toContainEqual(
      expect.objectContaining({ code: 'schema-shape', line: 5, column: 5 }),
    );
  });

  it('a .yml extension', async () => {
    expect(await findings({ 'entries/doe2020a.yml': validEntry('doe2020a') })).toContainEqual(
      expect.objectContaining({ code: 'file-extension' }),
    );
  });

  it('a clean dataset has no findings', async () => {
    expect(await findings({ 'entries/doe2020a.yaml': validEntry('doe2020a') })).toEqual([]);
  });
});
