import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { atomFeed } from '../src/feeds/atom.js';
import { sitemap } from '../src/feeds/sitemap.js';
import { fixtureModel } from './helpers.js';

const xml = (text: string) => new DOMParser().parseFromString(text, 'text/xml');

describe('the Atom feed', () => {
  it('lists the entries with an `added` date, newest first, as well-formed Atom', () => {
    const model = fixtureModel();
    const feed = atomFeed(model);
    const doc = xml(feed);
    expect(doc.documentElement.tagName).toBe('feed');
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2005/Atom');
    const entries = [...doc.querySelectorAll('entry')];
    expect(entries.map((e) => e.querySelector('id')!.textContent)).toEqual([
      'https://virtbib.github.io/virtbib/entries/jimenez2015borealis.html',
      'https://virtbib.github.io/virtbib/entries/okafor2009ledger.html',
      'https://virtbib.github.io/virtbib/entries/hostile2020script.html',
      'https://virtbib.github.io/virtbib/entries/abel2001quasar.html',
    ]);
    expect(doc.querySelector('feed > updated')!.textContent).toBe('2026-05-10T00:00:00Z');
    expect(entries[0]!.querySelectorAll('author').length).toBe(2);
    expect(entries[0]!.querySelector('category')!.getAttribute('term')).toBe('cpu');
  });

  it('escapes hostile text, so the XML stays well formed', () => {
    const feed = atomFeed(fixtureModel());
    expect(feed).not.toMatch(/<script|<img/);
    const hostile = [...xml(feed).querySelectorAll('entry')].find((e) =>
      e.querySelector('id')!.textContent!.includes('hostile'),
    )!;
    expect(hostile.querySelector('title')!.textContent).toBe(
      fixtureModel().entry('hostile2020script')!.title,
    );
  });

  it('is a valid empty feed with a fixed date when no entry has an `added` date', () => {
    const model = { ...fixtureModel(), additions: [] };
    const doc = xml(atomFeed(model));
    expect(doc.querySelectorAll('entry').length).toBe(0);
    expect(doc.querySelector('updated')!.textContent).toBe('1970-01-01T00:00:00Z');
  });
});

describe('the sitemap', () => {
  it('lists the HTML pages by absolute URL, except the 404 page', () => {
    const doc = xml(sitemap(fixtureModel(), ['index.html', 'entries/a.html', '404.html', 'feed.xml']));
    expect([...doc.querySelectorAll('loc')].map((l) => l.textContent)).toEqual([
      'https://virtbib.github.io/virtbib/',
      'https://virtbib.github.io/virtbib/entries/a.html',
    ]);
  });
});
