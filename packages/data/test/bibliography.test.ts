// dist/bibliography.json: valid against the published schema, and a faithful copy of the sources.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type PublishedEntry, type ValidateResult, validateDataset } from '@virtbib/schema';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderKeys, readingOrder } from '../scripts/lib/published.mjs';
import { packageDir, readDistJson } from './helpers.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@virtbib/schema/schemas/dataset.schema.json'), 'utf8'),
);
const pkg = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8'));

interface Published {
  name: string;
  version: string;
  license: string;
  entries: PublishedEntry[];
  topics: { id: string; title: string; description: string; entries: string[] }[];
  notes: { id: string }[];
}

let published: Published;
let source: ValidateResult;
beforeAll(async () => {
  published = readDistJson<Published>('bibliography.json');
  source = await validateDataset(packageDir);
});

describe('bibliography.json', () => {
  it('validates against the published schema (dataset.schema.json)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    // ajv-formats is CommonJS: its plugin is the module itself, typed as the default export.
    (formats as unknown as typeof formats.default)(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(published);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('names the package, its version and the data license', () => {
    expect(published.name).toBe('@virtbib/data');
    expect(published.version).toBe(pkg.version);
    expect(published.license).toBe('CC-BY-4.0');
  });

  it('has every entry, sorted by ID', () => {
    const ids = published.entries.map((e) => e.id);
    expect(ids).toEqual(source.dataset.entries.map((f) => f.entry.id).sort());
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every authored field of every entry, unchanged', () => {
    const byId = new Map(published.entries.map((e) => [e.id, e]));
    for (const { entry } of source.dataset.entries) {
      const { citations, ...authored } = byId.get(entry.id)!;
      expect(authored).toStrictEqual(entry);
      expect(citations?.apa.text.length).toBeGreaterThan(20);
    }
  });

  it('adds an APA citation in text and HTML to every entry', () => {
    for (const entry of published.entries) {
      const { text, html } = entry.citations!.apa;
      const first = entry.authors[0];
      const name = 'family' in first ? first.family : first.literal;
      // The APA style sets apostrophes typographically (Har'El becomes Har\u2019El).
      const typographic = (s: string) => s.replaceAll("'", '\u2019');
      expect(typographic(text).startsWith(typographic(name)), `${entry.id}: ${text}`).toBe(true);
      expect(text).not.toMatch(/<|&#/);
      expect(html).not.toMatch(/^<div|<\/div>$/);
      if (entry.doi) expect(html).toContain(`<a href="https://doi.org/${entry.doi}">`);
    }
  });

  it('writes object keys in schema order, whatever order the YAML used', () => {
    const entryKeys = Object.keys(schema.$defs.entry.properties);
    for (const entry of published.entries) {
      const keys = Object.keys(entry);
      expect(keys).toEqual(entryKeys.filter((k) => keys.includes(k)));
    }
    expect(Object.keys(orderKeys({ title: 't', id: 'x', zzz: 1, aaa: 2 }, schema.$defs.entry))).toEqual([
      'id',
      'title',
      'aaa',
      'zzz',
    ]);
    expect(Object.keys(orderKeys({ given: 'A', family: 'B' }, { $ref: '#/$defs/person' }))).toEqual([
      'family',
      'given',
    ]);
  });

  it('lists topics in topics.yaml order, each with all its entries in reading order', () => {
    const topics = source.dataset.topics!.data.topics;
    expect(published.topics.map((t) => t.id)).toEqual(topics.map((t) => t.id));
    for (const topic of topics) {
      const out = published.topics.find((t) => t.id === topic.id)!;
      expect(out).toEqual({
        id: topic.id,
        title: topic.title,
        description: topic.description,
        entries: out.entries,
      });
      const members = source.dataset.entries
        .filter((f) => f.entry.topics.includes(topic.id))
        .map((f) => f.entry.id);
      expect([...out.entries].sort()).toEqual(members.sort());
      expect(out.entries.slice(0, topic.readingOrder?.length ?? 0)).toEqual(topic.readingOrder ?? []);
    }
  });

  it('has the notes as authored', () => {
    expect(published.notes).toStrictEqual(source.dataset.notes.map((n) => n.data));
  });
});

describe('readingOrder', () => {
  const entry = (id: string, year?: number) => ({ id, year, topics: ['t'] });
  it('puts the listed entries first, then the rest oldest first (undated last), ties by ID', () => {
    const entries = [
      entry('d', 2001),
      entry('c', 1999),
      entry('b', 1999),
      entry('a', 2005),
      entry('z'),
      entry('y'),
    ];
    const other = { id: 'o', year: 1900, topics: ['other'] };
    expect(readingOrder({ id: 't', readingOrder: ['a'] }, [...entries, other])).toEqual([
      'a',
      'b',
      'c',
      'd',
      'y',
      'z',
    ]);
  });

  it('skips listed IDs that are not members of the topic', () => {
    expect(readingOrder({ id: 't', readingOrder: ['ghost', 'b'] }, [entry('a', 1), entry('b', 2)])).toEqual([
      'b',
      'a',
    ]);
  });
});
