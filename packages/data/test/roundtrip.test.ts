// Round trips: citation-js parses bibliography.bib, bibliography.biblatex.bib and bibliography.ris back, and
// every entry's title, authors, year and DOI come out as they went in.
import { Cite, type CslItem } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { Entry, Person } from '@virtbib/schema';
import { describe, expect, it } from 'vitest';
import { biblatexText, bibtexText, risText } from '../scripts/lib/formats/index.mjs';
import { readDist, readDistJson } from './helpers.js';

const published = readDistJson<{ entries: Entry[] }>('bibliography.json');

/** What we compare: the facts a reader of the exported file must get right. */
function expected(entry: Entry) {
  return {
    id: entry.id,
    title: entry.title,
    families: entry.authors.map((p: Person) => ('literal' in p ? p.literal : p.family)),
    year: entry.year,
    doi: entry.doi,
  };
}

function parsed(item: CslItem) {
  return {
    id: item.id,
    title: item.title,
    // BibTeX splits "de Lara" into a particle and a family name; put them back together.
    families: (item.author ?? []).map(
      (a) => a.literal ?? [a['non-dropping-particle'], a.family].filter(Boolean).join(' '),
    ),
    year:
      item.issued?.['date-parts']?.[0]?.[0] === undefined
        ? undefined
        : Number(item.issued['date-parts'][0][0]),
    doi: item.DOI,
  };
}

describe.each([
  ['bibliography.bib', 'BibTeX'],
  ['bibliography.biblatex.bib', 'biblatex'],
  ['bibliography.ris', 'RIS'],
])('%s parsed back with citation-js', (file) => {
  const items = new Cite(readDist(file)).data;
  const byId = new Map(items.map((item) => [item.id, item]));

  it('has every entry', () => {
    expect(items.map((i) => i.id).sort()).toEqual(published.entries.map((e) => e.id).sort());
  });

  it.each(published.entries.map((e) => [e.id, e] as const))(
    '%s: title, authors, year and DOI',
    (id, entry) => {
      const item = byId.get(id);
      expect(item).toBeDefined();
      expect(parsed(item!)).toEqual(expected(entry));
    },
  );
});

describe('special characters survive the round trip', () => {
  const entry: Entry = {
    id: 'muller2021special',
    type: 'article-journal',
    title: 'Costs & Benefits: 50% of $5 for #1 in C_x, {braces} — Ünïcödé “Quotes” Łódź Straße Ça',
    authors: [
      { family: 'Müller-Łukasiewicz', given: 'Jörg' },
      { family: 'de la Fuente', given: 'Ana' },
    ],
    year: 2021,
    containerTitle: 'Journal of Things',
    doi: '10.1000/a-b.c',
    topics: ['cpu'],
    annotation: 'An annotation long enough for the schema.',
    provenance: { source: 'contributed' },
  };

  it.each([
    ['BibTeX', () => bibtexText([entry])],
    ['biblatex', () => biblatexText([entry])],
    ['RIS', () => risText([entry])],
  ])('%s', (_format, write) => {
    const [item] = new Cite(write()).data;
    expect(parsed(item!)).toEqual(expected(entry));
  });
});
