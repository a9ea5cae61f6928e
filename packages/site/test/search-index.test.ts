import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { searchIndexScript } from '../src/search/index-builder.js';
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
  const index = MiniSearch.loadJSON(shipped.json, {
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
