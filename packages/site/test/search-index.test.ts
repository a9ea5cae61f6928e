import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { type CompactIndex, compactIndex, expandIndex, type SerializedIndex } from '../src/search/compact.js';
import { searchDocuments, searchIndexScript } from '../src/search/index-builder.js';
import { FIELDS, processTerm, SEARCH_OPTIONS, STORE_FIELDS } from '../src/search/options.js';
import { fixtureModel } from './helpers.js';

/** Runs the index script as a browser would, and reads back what it hands the page. */
function loadIndexScript(script: string) {
  const window: Record<string, unknown> = {};
  vm.runInNewContext(script, { window });
  return window.virtbibSearchIndex as {
    fields: string[];
    storeFields: string[];
    searchOptions: object;
    json: string;
  };
}

describe('the search index', () => {
  const model = fixtureModel();
  const shipped = loadIndexScript(searchIndexScript(model));
  const index = MiniSearch.loadJS(expandIndex(JSON.parse(shipped.json)) as never, {
    fields: shipped.fields,
    storeFields: shipped.storeFields,
    processTerm,
  });
  const search = (q: string) => index.search(q, SEARCH_OPTIONS as never).map((r) => r.id);

  it('ships the fields, stored fields and search options the page loads it with', () => {
    expect(shipped.fields).toEqual([...FIELDS]);
    expect(shipped.storeFields).toEqual([...STORE_FIELDS]);
    expect(shipped.searchOptions).toEqual(SEARCH_OPTIONS);
    expect(index.documentCount).toBe(model.entries.length);
  });

  it('finds by title, author (accents folded), venue, year, topic, annotation and citation key', () => {
    expect(search('paging guest')[0]).toBe('abel2001quasar');
    expect(search('jimenez')[0]).toBe('jimenez2015borealis');
    expect(search('Jiménez')[0]).toBe('jimenez2015borealis');
    expect(search('andres')[0]).toBe('jimenez2015borealis');
    expect(search('FSOS')[0]).toBe('abel2001quasar');
    expect(search('2019')[0]).toBe('tanaka2019thesis');
    expect(search('migration').sort()).toEqual(['okafor2009ledger', 'okafor2011ledger-tocs']);
    expect(search('sockets')[0]).toBe('jimenez2015borealis');
    expect(search('okafor2011ledger-tocs')[0]).toBe('okafor2011ledger-tocs');
  });

  it('stores what a result shows, and the hostile entry as plain strings', () => {
    const [hit] = index.search('pwned', SEARCH_OPTIONS as never);
    expect(hit).toMatchObject({
      id: 'hostile2020script',
      type: 'paper-conference',
      topicIds: ['cpu'],
      year: '2020',
    });
    expect(hit!.title).toBe(model.entry('hostile2020script')!.title);
  });

  it('survives quotes, backslashes and line separators in the data', () => {
    const json = JSON.stringify({ a: "it's \\ \u2028 \u2029 '" });
    const hostile = {
      ...model,
      entries: model.entries.map((e, i) => (i === 0 ? { ...e, annotation: json } : e)),
    };
    const shippedHostile = loadIndexScript(searchIndexScript(hostile));
    expect(JSON.parse(shippedHostile.json).documentCount).toBe(model.entries.length);
    expect(JSON.parse(shippedHostile.json).storedFields).toHaveLength(model.entries.length);
  });
});

describe('terms', () => {
  it('are folded to lowercase without accents, and the commonest words are left out', () => {
    expect(processTerm('Jiménez')).toBe('jimenez');
    expect(processTerm('The')).toBeNull();
    expect(processTerm('theory')).toBe('theory');
  });

  it('are processed in the browser by the same, self-contained function', () => {
    const copy = vm.runInNewContext(`(${processTerm.toString()})`) as typeof processTerm;
    for (const term of ['Andrés', 'OF', 'Xen', 'virtualization', 'and', 'Ólafsson'])
      expect(copy(term)).toBe(processTerm(term));
  });
});

describe('the compact index', () => {
  /** MiniSearch's own serialization of the fixture, and one of many synthetic documents. */
  const model = fixtureModel();
  const build = (documents: object[]) => {
    const search = new MiniSearch({ fields: [...FIELDS], storeFields: [...STORE_FIELDS], processTerm });
    search.addAll(documents);
    return search.toJSON() as unknown as SerializedIndex;
  };
  const words = ['hypervisor', 'guest', 'paging', 'ring', 'trap', 'shadow', 'nested', 'virtio', 'queue'];
  const many = Array.from({ length: 700 }, (_, i) => ({
    id: `e${i}`,
    key: `e${i}`,
    title: `${words[i % 9]} ${words[(i * 7) % 9]} ${words[(i * 5) % 9]} ${words[i % 9]}`,
    authors: `Author ${i % 13}`,
    venue: i % 3 ? 'OSDI' : 'SOSP',
    year: String(1990 + (i % 30)),
    topics: 'cpu',
    annotation: `${words[(i * 3) % 9]} and ${words[(i * 3) % 9]} again`,
    by: 'A',
    where: 'OSDI',
    type: 'paper-conference',
    topicIds: ['cpu'],
  }));

  it('expands back to exactly what MiniSearch serialized', () => {
    for (const original of [build(searchDocuments(model)), build(many)]) {
      const compact = JSON.parse(JSON.stringify(compactIndex(original))) as CompactIndex;
      expect(expandIndex(compact)).toEqual(original);
    }
  });

  it('gives, once loaded, the results of the index it came from', () => {
    const original = build(many);
    const options = { fields: [...FIELDS], storeFields: [...STORE_FIELDS], processTerm };
    const direct = MiniSearch.loadJS(original as never, options);
    const expanded = MiniSearch.loadJS(expandIndex(compactIndex(original)) as never, options);
    for (const query of ['hypervisor', 'nested guest', 'pag', 'OSDI 1995', 'Author 7', 'trpa'])
      expect(expanded.search(query, SEARCH_OPTIONS as never)).toEqual(
        direct.search(query, SEARCH_OPTIONS as never),
      );
  });

  it('keeps term frequencies other than 1, and only those lists carry them', () => {
    const compact = compactIndex(build(many));
    const lists = compact.index.flatMap(([, ...postings]) => postings);
    expect(lists.some((p) => p.length === 3)).toBe(true);
    expect(lists.some((p) => p.length === 2)).toBe(true);
    for (const p of lists) if (p.length === 3) expect(p[2].some((f) => f !== 1)).toBe(true);
  });

  it('writes long posting lists in much less than MiniSearch does, gzipped as they are served', () => {
    const original = build(many);
    const size = (value: unknown) => gzipSync(JSON.stringify(value)).length;
    expect(size(compactIndex(original).index) / size(original.index)).toBeLessThan(0.5);
  });

  it('is expanded in the browser by the same, self-contained function', () => {
    const copy = vm.runInNewContext(`(${expandIndex.toString()})`) as typeof expandIndex;
    const original = build(searchDocuments(model));
    // Compared as JSON: objects made in another context have other prototypes.
    expect(JSON.stringify(copy(JSON.parse(JSON.stringify(compactIndex(original)))))).toBe(
      JSON.stringify(original),
    );
  });

  it('refuses an index whose documents are not numbered 0..n-1', () => {
    const original = build(searchDocuments(model));
    const gap = { ...original, documentIds: { ...original.documentIds, [original.nextId + 3]: 'x' } };
    expect(() => compactIndex(gap)).toThrow(/outside 0\.\./);
  });
});
