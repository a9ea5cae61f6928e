import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { findLayoutProblem, findOrderProblem, formatYaml } from '../src/yaml/format.js';
import { validEntry } from './helpers.js';

const messy = `# Entry for a paper we like.
title: A Title   # keep this comment
id: doe2020a
type: paper-conference
authors:
  - given: Jane
    family: Doe
year: 2020
topics: [cpu]
annotation: A synthetic entry written by a test.
provenance:
  source: contributed
  seedText: "Doe, A Title"


`;

describe('formatYaml', () => {
  const out = formatYaml('entry', messy);

  it('puts keys in schema order at every level', () => {
    expect(findOrderProblem('entry', jsyaml.load(messy))).toEqual({ path: ['id'], expectedBefore: 'title' });
    expect(findOrderProblem('entry', jsyaml.load(out))).toBeUndefined();
    expect(Object.keys(jsyaml.load(out) as object)).toEqual([
      'id',
      'type',
      'title',
      'authors',
      'year',
      'topics',
      'annotation',
      'provenance',
    ]);
    expect(out).toContain('  - family: Doe\n    given: Jane\n');
  });

  it('keeps comments, including trailing ones', () => {
    expect(out).toContain('# Entry for a paper we like.');
    expect(out).toContain('# keep this comment');
  });

  it('writes the canonical layout and is idempotent', () => {
    expect(findLayoutProblem(messy)).toMatchObject({
      line: 16,
      message: 'the file must end with exactly one newline',
    });
    expect(findLayoutProblem(out)).toBeUndefined();
    expect(formatYaml('entry', out)).toBe(out);
  });

  it('keeps the data', () => {
    expect(jsyaml.load(out)).toEqual(jsyaml.load(messy));
  });

  it('leaves an already canonical file alone', () => {
    const text = validEntry('doe2020a');
    expect(findOrderProblem('entry', jsyaml.load(text))).toBeUndefined();
    expect(findLayoutProblem(text)).toBeUndefined();
    expect(formatYaml('entry', text)).toBe(text);
  });

  it('removes a byte-order mark and CRLF line endings', () => {
    const crlf = `\uFEFF${validEntry('doe2020a').replace(/\n/g, '\r\n')}`;
    expect(findLayoutProblem(crlf)).toMatchObject({ message: 'CRLF line ending' });
    expect(formatYaml('entry', crlf)).toBe(validEntry('doe2020a'));
  });
});
