// dist/csl.json: valid against the official CSL-JSON schema, loadable by citation-js, mapped field by field.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { Entry } from '@virtbib/schema';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { primaryUrl, toCsl } from '../scripts/lib/formats/csl.mjs';
import { readDistJson, repoRoot } from './helpers.js';

// The official schema is kept next to the repository (shared/reference), not in it.
const CSL_SCHEMA = join(repoRoot, '..', 'shared', 'reference', 'csl-data.json');
const haveSchema = existsSync(CSL_SCHEMA);

const csl = readDistJson<Record<string, unknown>[]>('csl.json');
const published = readDistJson<{ entries: Entry[] }>('bibliography.json');

const base: Entry = {
  id: 'doe2020thing',
  type: 'paper-conference',
  title: 'A Thing',
  authors: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Thing Consortium' }],
  year: 2020,
  topics: ['cpu'],
  annotation: 'An annotation long enough for the schema.',
  provenance: { source: 'contributed' },
};

describe('csl.json', () => {
  it.skipIf(!haveSchema)(
    `validates against the official CSL-JSON schema${haveSchema ? '' : ` (skipped: ${CSL_SCHEMA} is absent)`}`,
    () => {
      const schema = JSON.parse(readFileSync(CSL_SCHEMA, 'utf8'));
      const ajv = new Ajv({ allErrors: true, strict: false });
      const validate = ajv.compile(schema);
      const ok = validate(csl);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it.skipIf(!haveSchema)(
    'rejects a field the CSL schema does not define (so the check above can fail)',
    () => {
      const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(CSL_SCHEMA, 'utf8')));
      expect(validate([{ ...csl[0], containerTitle: 'not CSL' }])).toBe(false);
    },
  );

  it('has one item per entry, with the entry ID as id and citation-key', () => {
    expect(csl.map((item) => item.id)).toEqual(published.entries.map((e) => e.id));
    for (const item of csl) expect(item['citation-key']).toBe(item.id);
  });

  it('loads in citation-js and renders every item', () => {
    const cite = new Cite(csl);
    expect(cite.data.map((item) => item.id)).toEqual(csl.map((item) => item.id));
    const bibliography = cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' });
    expect(bibliography.trim().split('\n')).toHaveLength(csl.length);
  });

  it('stores no numbers except date parts (citeproc mishandles numeric volumes)', () => {
    for (const item of csl) {
      for (const [key, value] of Object.entries(item))
        if (key !== 'issued') expect(typeof value).not.toBe('number');
    }
  });
});

describe('toCsl', () => {
  it('maps every field of a conference paper', () => {
    const entry: Entry = {
      ...base,
      editors: [{ family: 'Roe', given: 'Richard' }],
      month: 10,
      day: 19,
      containerTitle: 'Proceedings of Things',
      containerTitleShort: "THINGS '20",
      collectionTitle: 'Lecture Notes',
      volume: '12',
      issue: '3',
      pages: '1-10',
      number: 'TR-1',
      genre: 'Extended abstract',
      publisher: 'ACM',
      publisherPlace: 'New York, NY, USA',
      eventPlace: 'Lisbon, Portugal',
      doi: '10.1145/1.2',
      alternateDois: ['10.1145/3.4'],
      isbn: '978-1-4503-0000-0',
      urls: { open: 'https://example.org/open.pdf', archived: 'https://web.archive.org/x' },
    };
    expect(toCsl(entry)).toStrictEqual({
      id: 'doe2020thing',
      'citation-key': 'doe2020thing',
      type: 'paper-conference',
      title: 'A Thing',
      author: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Thing Consortium' }],
      editor: [{ family: 'Roe', given: 'Richard' }],
      issued: { 'date-parts': [[2020, 10, 19]] },
      'container-title': 'Proceedings of Things',
      'container-title-short': "THINGS '20",
      'collection-title': 'Lecture Notes',
      volume: '12',
      issue: '3',
      page: '1-10',
      number: 'TR-1',
      genre: 'Extended abstract',
      publisher: 'ACM',
      'publisher-place': 'New York, NY, USA',
      'event-place': 'Lisbon, Portugal',
      DOI: '10.1145/1.2',
      ISBN: '978-1-4503-0000-0',
      URL: 'https://example.org/open.pdf',
      note: 'Also registered as DOI 10.1145/3.4.',
      annote: 'An annotation long enough for the schema.',
    });
  });

  it('leaves out the date of an undated web page, and a day without a month', () => {
    expect(toCsl({ ...base, type: 'webpage', year: undefined })).not.toHaveProperty('issued');
    expect(toCsl({ ...base, day: 3 }).issued).toEqual({ 'date-parts': [[2020]] });
  });

  it('turns numeric volume, issue and number into strings', () => {
    const loose = { ...base, volume: 17, issue: 7, number: 3 } as unknown as Entry;
    expect(toCsl(loose)).toMatchObject({ volume: '17', issue: '7', number: '3' });
  });

  it('prefers the landing page, then the open copy, then the archive', () => {
    const urls = { landing: 'https://a.org', open: 'https://b.org', archived: 'https://c.org' };
    expect(primaryUrl({ ...base, urls })).toBe('https://a.org');
    expect(primaryUrl({ ...base, urls: { archived: urls.archived } })).toBe('https://c.org');
    expect(primaryUrl(base)).toBeUndefined();
  });
});
