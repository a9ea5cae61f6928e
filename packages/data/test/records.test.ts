// One writer: toBibTeX, toBibLaTeX, toRIS, toCSL and cite give, for every entry, exactly the record the
// published files hold, and the files (whole and per topic) are those records put together.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { distDir, readDist, readDistJson } from './helpers.js';

type Api = typeof import('../dist/index.mjs');

const dataset = readDistJson<Api['dataset']>('bibliography.json');
const ids = dataset.entries.map((entry) => entry.id);
let api: Api;
beforeAll(async () => {
  api = await import(/* @vite-ignore */ pathToFileURL(join(distDir, 'index.mjs')).href);
});

/** A .bib file's header comment and its entries, each from its @ line up to the blank line after it. */
function bibRecords(text: string) {
  const start = text.indexOf('\n@');
  const records = text
    .slice(start + 1)
    .split(/\n(?=@)/)
    .filter(Boolean);
  return { header: text.slice(0, start + 1), records };
}

/** A RIS file's records, each with its blank line. */
const risRecords = (text: string) => text.split(/(?<=\r\nER {2}- \r\n\r\n)/).filter(Boolean);

describe.each([
  ['toBibTeX', 'bibliography.bib'],
  ['toBibLaTeX', 'bibliography.biblatex.bib'],
] as const)('%s and %s', (name, file) => {
  const text = readDist(file);
  const { header, records } = bibRecords(text);

  it('gives every entry exactly its record of the file', () => {
    expect(records).toHaveLength(ids.length);
    ids.forEach((id, i) => {
      // Records are separated by a blank line, which belongs to neither.
      expect(api[name](id), id).toBe(records[i]!.replace(/\n\n$/, '\n'));
    });
  });

  it('gives all the entries, in file order, as the whole file after its header comment', () => {
    expect(header).toMatch(/^(% .*\n)+\n$/);
    expect(`${header}${api[name](ids)}`).toBe(text);
  });
});

describe('toRIS', () => {
  const text = readDist('bibliography.ris');

  it('gives every entry exactly its record of bibliography.ris', () => {
    const records = risRecords(text);
    expect(records).toHaveLength(ids.length);
    ids.forEach((id, i) => {
      expect(api.toRIS(id), id).toBe(records[i]);
    });
  });

  it('gives all the entries as the whole file', () => {
    expect(api.toRIS(ids)).toBe(text);
  });
});

describe('toCSL', () => {
  const text = readDist('csl.json');
  const items = JSON.parse(text) as { id: string }[];

  it('gives all the entries as the whole csl.json, which is JSON.stringify(items, null, 2)', () => {
    expect(api.toCSL(ids)).toBe(text);
    expect(text).toBe(`${JSON.stringify(items, null, 2)}\n`);
  });

  it('gives every entry a document holding exactly its item, laid out as in csl.json', () => {
    ids.forEach((id, i) => {
      const one = api.toCSL(id);
      expect(JSON.parse(one), id).toEqual([items[i]]);
      expect(text, id).toContain(one.slice(2, -3));
    });
  });
});

describe('cite', () => {
  it('gives every entry its pre-rendered APA citation, the very object of the dataset', () => {
    for (const entry of api.entries) expect(api.cite(entry.id)).toBe(entry.citations.apa);
  });
});

describe('selections', () => {
  const [a, b, c] = ['popek1974formal', 'barham2003xen', 'clark2005live'] as const;

  it('keep the order given, repeats included', () => {
    expect(api.toBibTeX([b, a, b])).toBe([api.toBibTeX(b), api.toBibTeX(a), api.toBibTeX(b)].join('\n'));
    expect(api.toRIS([c, a])).toBe(api.toRIS(c) + api.toRIS(a));
    expect((JSON.parse(api.toCSL([c, a, b])) as { id: string }[]).map((item) => item.id)).toEqual([c, a, b]);
  });

  it('of nothing are empty documents', () => {
    expect(api.toBibTeX([])).toBe('');
    expect(api.toBibLaTeX([])).toBe('');
    expect(api.toRIS([])).toBe('');
    expect(api.toCSL([])).toBe('[]\n');
  });

  it.each(['toBibTeX', 'toBibLaTeX', 'toRIS', 'toCSL', 'cite'] as const)(
    '%s: an unknown ID is a RangeError that names it',
    (name) => {
      const call = api[name] as (ids: unknown) => unknown;
      expect(() => call('no-such-entry')).toThrow(RangeError);
      expect(() => call('no-such-entry')).toThrow(`${name}: there is no entry with the ID "no-such-entry".`);
      if (name !== 'cite') expect(() => call([a, 'barham2003xne'])).toThrow(/"barham2003xne"/);
    },
  );

  it.each(['toBibTeX', 'toBibLaTeX', 'toRIS', 'toCSL', 'cite'] as const)(
    '%s: anything but an ID (or a list of IDs) is a TypeError that says what it got',
    (name) => {
      const call = api[name] as (ids: unknown) => unknown;
      expect(() => call(undefined)).toThrow(TypeError);
      expect(() => call(42)).toThrow(/got number 42/);
      expect(() => call(new Set([a]))).toThrow(/got an object/);
      if (name === 'cite') expect(() => call([a])).toThrow(/expected an entry ID, got an array/);
      else expect(() => call([a, null])).toThrow(/each ID must be a string, got null/);
    },
  );
});

describe('per-topic files', () => {
  const names = readdirSync(join(distDir, 'topics')).sort();

  it('exist for every topic and format, and nothing else', () => {
    expect(names).toEqual(
      dataset.topics.flatMap((topic) => ['bib', 'json', 'ris'].map((ext) => `${topic.id}.${ext}`)).sort(),
    );
  });

  it.each(dataset.topics.map((topic) => [topic.id, topic] as const))(
    '%s: the records of the topic, in reading order',
    (id, topic) => {
      const bib = readDist(`topics/${id}.bib`);
      // The header comment ends at the first blank line.
      const header = bib.slice(0, bib.indexOf('\n\n') + 2);
      expect(header).toContain(`topic ${id}`);
      expect(bib).toBe(`${header}${api.toBibTeX(topic.entries)}`);
      expect(readDist(`topics/${id}.ris`)).toBe(api.toRIS(topic.entries));
      expect(readDist(`topics/${id}.json`)).toBe(api.toCSL(topic.entries));
    },
  );
});
