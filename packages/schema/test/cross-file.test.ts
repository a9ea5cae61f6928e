import { describe, expect, it } from 'vitest';
import { validateDataset } from '../src/validate.js';
import { makeDataset, topicsYaml, validEntry } from './helpers.js';

async function findings(files: Record<string, string>) {
  const { diagnostics } = await validateDataset(makeDataset(files), { threads: 1 });
  return diagnostics.map(({ code, severity, file, line, message }) => ({
    code,
    severity,
    file,
    line,
    message,
  }));
}

async function notChecked(files: Record<string, string>) {
  const { notChecked } = await validateDataset(makeDataset(files), { threads: 1 });
  return notChecked.map(({ code, file, line, id, because }) => ({ code, file, line, id, because }));
}

const note = (ids: string[]) => `id: reading
title: Reading
summary: A note written by a test.
sections:
  - id: start
    title: Start
    items:
      - id: first
        title: First
        text: Read these first.
        entries: [${ids.join(', ')}]
`;

describe('cross-file rules and entries that did not load', () => {
  it('a reference to an entry with a YAML error is "not checked", never "does not exist"', async () => {
    const files = {
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'entries/doe2020b.yaml': validEntry('doe2020b').replace('title: A Title for doe2020b', 'title: [oops'),
      'entries/doe2020c.yaml': validEntry('doe2020c').replace(
        'provenance:',
        'related:\n  - id: doe2020b\n    relation: follow-up\nprovenance:',
      ),
      'notes/reading.yaml': note(['doe2020a', 'doe2020b']),
      'topics.yaml': topicsYaml(['doe2020a', 'doe2020b', 'doe2020c']),
    };
    const found = await findings(files);
    expect(found.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'yaml-syntax', file: 'entries/doe2020b.yaml' },
    ]);
    const because = 'entries/doe2020b.yaml';
    expect(await notChecked(files)).toEqual([
      { code: 'related-exists', file: 'entries/doe2020c.yaml', line: 11, id: 'doe2020b', because },
      { code: 'note-link-exists', file: 'notes/reading.yaml', line: 11, id: 'doe2020b', because },
      { code: 'reading-order', file: 'topics.yaml', line: 7, id: 'doe2020b', because },
    ]);
  });

  it('a schema error in one field does not drop the entry from cross-file rules or its own warnings', async () => {
    const broken = validEntry('doe2020b', 'jornal: x\nurls:\n  landing: http://example.org/b\n');
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'entries/doe2020b.yaml': broken,
      'notes/reading.yaml': note(['doe2020a', 'doe2020b']),
      'topics.yaml': topicsYaml(['doe2020a', 'doe2020b']),
    });
    expect(found.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'schema-unknown-field', file: 'entries/doe2020b.yaml' },
      { code: 'url-https', file: 'entries/doe2020b.yaml' },
    ]);
  });

  it('an entry whose topics fail the schema is not checked against reading orders', async () => {
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a').replace('topics: [cpu]', 'topics: cpu'),
      'topics.yaml': topicsYaml(['doe2020a']),
    });
    expect(found.map(({ code, severity, file }) => ({ code, severity, file }))).toEqual([
      { code: 'schema-type', severity: 'error', file: 'entries/doe2020a.yaml' },
    ]);
    expect(
      await notChecked({
        'entries/doe2020a.yaml': validEntry('doe2020a').replace('topics: [cpu]', 'topics: cpu'),
        'topics.yaml': topicsYaml(['doe2020a']),
      }),
    ).toEqual([
      {
        code: 'reading-order',
        file: 'topics.yaml',
        line: 6,
        id: 'doe2020a',
        because: 'entries/doe2020a.yaml',
      },
    ]);
  });

  it('a reference to an ID no file has is still an error', async () => {
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'topics.yaml': topicsYaml(['doe2020a', 'doe2099zz']),
    });
    expect(found).toEqual([
      {
        code: 'reading-order',
        severity: 'error',
        file: 'topics.yaml',
        line: 7,
        message: 'Entry "doe2099zz" does not exist.',
      },
    ]);
  });
});

describe('duplicate-doi', () => {
  it('reports every entry that shares the DOI, so a pull request sees it on the file it changed', async () => {
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a', 'doi: 10.1145/1\n'),
      'entries/doe2020b.yaml': validEntry('doe2020b', 'doi: 10.1145/1\n'),
    });
    expect(found).toEqual([
      {
        code: 'duplicate-doi',
        severity: 'error',
        file: 'entries/doe2020a.yaml',
        line: 8,
        message: 'DOI 10.1145/1 is also the DOI of entry "doe2020b".',
      },
      {
        code: 'duplicate-doi',
        severity: 'error',
        file: 'entries/doe2020b.yaml',
        line: 8,
        message: 'DOI 10.1145/1 is also the DOI of entry "doe2020a".',
      },
    ]);
  });

  it('names an alternate DOI as an alternate DOI', async () => {
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a', 'doi: 10.1145/1\nalternateDois: [10.1145/2]\n'),
      'entries/doe2020b.yaml': validEntry('doe2020b', 'doi: 10.1145/2\n'),
    });
    expect(found.map((d) => [d.file, d.line, d.message])).toEqual([
      ['entries/doe2020a.yaml', 9, 'DOI 10.1145/2 is also the DOI of entry "doe2020b".'],
      ['entries/doe2020b.yaml', 8, 'DOI 10.1145/2 is also an alternate DOI of entry "doe2020a".'],
    ]);
  });
});
