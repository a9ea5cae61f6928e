// dist/bibliography.ris: well-formed records with the tags reference managers read.
import type { Entry } from '@virtbib/schema';
import { describe, expect, it } from 'vitest';
import { oneLine, risRecord, risType } from '../scripts/lib/formats/ris.mjs';
import { readDist, readDistJson } from './helpers.js';
import { hostile } from './sample-entries.js';

const ris = readDist('bibliography.ris');
const published = readDistJson<{ entries: Entry[] }>('bibliography.json');

const base: Entry = {
  id: 'doe2020thing',
  type: 'article-journal',
  title: 'A Thing',
  authors: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Consortium' }],
  year: 2020,
  topics: ['cpu'],
  annotation: 'An annotation long enough for the schema.',
  provenance: { source: 'contributed' },
};

/** The tags of one record as [tag, value] pairs, in order. */
const tagsOf = (record: string) =>
  record
    .split('\r\n')
    .filter(Boolean)
    .map((line) => [line.slice(0, 2), line.slice(6)]);

describe('bibliography.ris', () => {
  const records = ris.split('\r\n\r\n').filter(Boolean);

  it('has one record per entry, in ID order, each from TY to ER', () => {
    expect(records).toHaveLength(published.entries.length);
    records.forEach((record, i) => {
      const tags = tagsOf(record);
      expect(tags[0]![0]).toBe('TY');
      expect(tags.at(-1)).toEqual(['ER', '']);
      expect(tags.find(([tag]) => tag === 'ID')?.[1]).toBe(published.entries[i]!.id);
    });
  });

  it('writes every line as "TAG  - value" with CRLF, never wrapping a value', () => {
    for (const line of ris.split('\r\n').filter(Boolean))
      expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- (\S.*)?$/);
    expect(ris.replace(/\r\n/g, '')).not.toContain('\n');
    for (const entry of published.entries)
      expect(ris).toContain(`TI  - ${entry.title.replace(/\s+/g, ' ')}\r\n`);
  });
});

describe('risRecord', () => {
  it('maps a journal article: TY, AU, PY, DA, T2, J2, VL, IS, SP/EP, DO, UR, N1', () => {
    const tags = tagsOf(
      risRecord({
        ...base,
        month: 7,
        containerTitle: 'Communications of the ACM',
        containerTitleShort: 'CACM',
        volume: '17',
        issue: '7',
        pages: '412-421',
        publisher: 'ACM',
        doi: '10.1145/361011.361073',
        alternateDois: ['10.1145/1.2'],
        urls: { landing: 'https://dl.acm.org/doi/10.1145/361011.361073' },
      }),
    );
    expect(tags).toEqual([
      ['TY', 'JOUR'],
      ['ID', 'doe2020thing'],
      ['TI', 'A Thing'],
      ['AU', 'Doe, Jane'],
      ['AU', 'The Consortium'],
      ['PY', '2020'],
      ['DA', '2020/07//'],
      ['T2', 'Communications of the ACM'],
      ['J2', 'CACM'],
      ['VL', '17'],
      ['IS', '7'],
      ['SP', '412'],
      ['EP', '421'],
      ['PB', 'ACM'],
      ['DO', '10.1145/361011.361073'],
      ['UR', 'https://dl.acm.org/doi/10.1145/361011.361073'],
      ['N1', 'Also registered as DOI 10.1145/1.2.'],
      ['N1', 'An annotation long enough for the schema.'],
      ['ER', ''],
    ]);
  });

  it('maps a conference paper: proceedings in T2 and C3, conference place in CY, publisher place in C1', () => {
    const tags = new Map(
      tagsOf(
        risRecord({
          ...base,
          type: 'paper-conference',
          containerTitle: 'Proceedings of SOSP',
          publisherPlace: 'New York, NY, USA',
          eventPlace: 'Bolton Landing, NY, USA',
          pages: '164-177',
        }),
      ) as [string, string][],
    );
    expect(tags.get('TY')).toBe('CONF');
    expect(tags.get('T2')).toBe('Proceedings of SOSP');
    expect(tags.get('C3')).toBe('Proceedings of SOSP');
    expect(tags.get('CY')).toBe('Bolton Landing, NY, USA');
    expect(tags.get('C1')).toBe('New York, NY, USA');
  });

  it('puts a book ISBN and a report number in SN, a thesis school in PB and its kind in M3', () => {
    const get = (entry: Entry, tag: string) => tagsOf(risRecord(entry)).find(([t]) => t === tag)?.[1];
    expect(get({ ...base, type: 'book', isbn: '978-1-55860-910-5' }, 'SN')).toBe('978-1-55860-910-5');
    expect(get({ ...base, type: 'report', number: 'ECSL-TR-179' }, 'SN')).toBe('ECSL-TR-179');
    const thesis = { ...base, type: 'thesis' as const, publisher: 'MIT', genre: 'PhD thesis' };
    expect([get(thesis, 'TY'), get(thesis, 'PB'), get(thesis, 'M3')]).toEqual(['THES', 'MIT', 'PhD thesis']);
  });

  it('writes an undated web page without PY or DA', () => {
    const tags = tagsOf(
      risRecord({ ...base, type: 'webpage', year: undefined, urls: { landing: 'https://x.org' } }),
    );
    expect(tags[0]).toEqual(['TY', 'ELEC']);
    expect(tags.map(([t]) => t)).not.toContain('PY');
    expect(tags.map(([t]) => t)).not.toContain('DA');
  });

  it('has a type for every entry type of the schema', () => {
    for (const type of [
      'article',
      'book',
      'chapter',
      'dataset',
      'manuscript',
      'post',
      'report',
      'software',
      'standard',
    ]) {
      expect(risType(type)).not.toBe('GEN');
    }
  });
});

describe('record injection', () => {
  // Every character some reader takes for a line break: CR, LF, VT, FF, the file, group and record separators
  // (U+001C-U+001E, line breaks to Python's splitlines), NEL (U+0085), and the Unicode line and paragraph
  // separators.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  const LINE_BREAKS = /\r\n|[\n\r\u000B\u000C\u001C-\u001E\u0085\u2028\u2029]/;

  it('keeps every value on its line whatever it holds, in every tag, containerTitleShort (J2) included', () => {
    const record = risRecord(hostile);
    const lines = record.split(LINE_BREAKS).filter(Boolean);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    expect(lines.filter((line) => line.startsWith('ER  - '))).toEqual(['ER  - ']);
    expect(lines.filter((line) => line.startsWith('TY  - '))).toHaveLength(1);
    expect(lines.at(-1)).toBe('ER  - ');
    // Runs of whitespace and controls become one space, so a value never holds a tag separator either.
    expect(lines).toContain('J2  - SHORT ER - TY - GEN ID - forged');
  });

  it.each([
    ['\u0085', 'NEL'],
    ['\u2028', 'LINE SEPARATOR'],
    ['\u2029', 'PARAGRAPH SEPARATOR'],
    ['\u001C', 'FILE SEPARATOR'],
    ['\u001D', 'GROUP SEPARATOR'],
    ['\u001E', 'RECORD SEPARATOR'],
    ['\u000B', 'VERTICAL TAB'],
    ['\r\n', 'CRLF'],
    ['\u0000\u007F\u009B', 'NUL, DEL and CSI'],
  ])('folds %j (%s) into a space', (char) => {
    expect(oneLine(`a${char}ER  - ${char}b`)).toBe('a ER - b');
    const record = risRecord({ ...base, containerTitleShort: `x${char}ER  - ` });
    expect(record.split(LINE_BREAKS).filter((line) => line === 'ER  - ')).toHaveLength(1);
  });
});
