import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { entryPage } from '../src/pages/entry.js';
import { homePage } from '../src/pages/home.js';
import { linksPage } from '../src/pages/links.js';
import { notePage } from '../src/pages/notes.js';
import { topicPage } from '../src/pages/topic.js';
import { context, fixtureModel, HOSTILE_ID } from './helpers.js';

const dom = (markup: string) => parseHTML(markup).document;

describe('a hostile entry', () => {
  const model = fixtureModel({ report: true });
  const entry = model.entry(HOSTILE_ID)!;
  const page = entryPage(context(model, `entries/${HOSTILE_ID}.html`), entry);
  const doc = dom(page);

  it('puts no element of its own into the page: every script is the site’s, no handler attribute', () => {
    expect([...doc.querySelectorAll('script')].map((s) => s.getAttribute('src'))).toEqual([
      '../assets/copy.js',
    ]);
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(page).not.toMatch(/<script>|<img/i);
    for (const el of doc.querySelectorAll('*'))
      for (const attr of el.attributes) expect(attr.name, `${el.tagName} ${attr.name}`).not.toMatch(/^on/);
  });

  it('shows its title as text, exactly', () => {
    expect(doc.querySelector('h1')!.textContent).toBe(entry.title);
    expect(doc.querySelector('title')!.textContent).toBe(`${entry.title} · virtbib`);
  });

  it('never links its javascript: URL, and says why', () => {
    expect(page).not.toMatch(/href="\s*javascript:/i);
    const item = [...doc.querySelectorAll('.links li')].find((li) =>
      li.textContent!.includes('javascript:'),
    )!;
    expect(item.querySelector('a')).toBeNull();
    expect(item.textContent).toContain('not a web address; not linked');
    expect(doc.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('keeps the quotes of its DOI inside the link, encoded', () => {
    const doi = [...doc.querySelectorAll('a')].find((a) => a.textContent === entry.doi)!;
    expect(doi.getAttribute('href')).toBe('https://doi.org/10.5555/%22quoted%22%3Cdoi%3E');
  });

  it('gives its BibTeX, RIS and CSL-JSON exactly as the citation functions do', () => {
    expect(doc.getElementById('cite-bibtex')!.textContent).toBe(model.citations.toBibTeX(HOSTILE_ID));
    expect(doc.getElementById('cite-csl')!.textContent).toBe(model.citations.toCSL(HOSTILE_ID));
    // The RIS line ends are CR LF, written as &#13; so that HTML parsing keeps them.
    expect(page).toContain('&#13;\n');
  });

  it('is listed safely on its topic page and in the note that cites it', () => {
    for (const markup of [
      topicPage(context(model, 'topics/cpu.html'), model.topic('cpu')!),
      notePage(context(model, 'notes/small-devices.html'), model.notes[0]!),
    ]) {
      expect(markup).not.toMatch(/<script>|<img/i);
      expect(dom(markup).querySelectorAll('script').length).toBe(0);
    }
  });
});

describe('an entry page', () => {
  const model = fixtureModel({ report: true });
  const doc = dom(
    entryPage(context(model, 'entries/okafor2009ledger.html'), model.entry('okafor2009ledger')!),
  );

  it('has every field, the annotation, the links with their checked state, and the cite block', () => {
    const text = doc.querySelector('main')!.textContent!;
    for (const expected of [
      'Ledger: Live Migration with Write Logging',
      'Chidi Okafor',
      'Proceedings of the Fixture Conference on Networked Systems (FNS \u201909)'.replace('\u2019', "'"),
      '100–113',
      'Fixture Press',
      'A fixture conference paper on moving a running machine',
      'Publisher page',
      'Archived copy',
      'failing, not yet broken',
      'Copy BibTeX',
      'Okafor, C. (2009).',
    ])
      expect(text).toContain(expected);
  });

  it('marks the fields that could not be verified', () => {
    const pages = [...doc.querySelectorAll('.fields div')].find(
      (d) => d.querySelector('dt')!.textContent === 'Pages',
    )!;
    expect(pages.querySelector('.unverified')).not.toBeNull();
  });

  it('links the other version with its relation, and places the entry in each topic with its neighbours', () => {
    const related = doc.querySelector('[aria-labelledby="related-heading"]')!;
    expect(related.textContent).toContain('Journal version:');
    expect(related.querySelector('a')!.getAttribute('href')).toBe('okafor2011ledger-tocs.html');
    const positions = [...doc.querySelectorAll('.positions li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' '),
    );
    expect(positions[0]).toMatch(/^Migration: 1 of 2 entries · next: Ledger/);
    expect(positions[1]).toMatch(
      /^Memory virtualization: 2 of 3 entries · before: Quasar: .* · next: Hypervisors for Small Devices$/,
    );
  });

  it('carries citation meta tags for reference managers', () => {
    const meta = (name: string) =>
      [...doc.querySelectorAll(`meta[name="${name}"]`)].map((m) => m.getAttribute('content'));
    expect(meta('citation_title')).toEqual(['Ledger: Live Migration with Write Logging']);
    expect(meta('citation_author')).toEqual(['Okafor, Chidi']);
    expect(meta('citation_conference_title')).toEqual([
      'Proceedings of the Fixture Conference on Networked Systems',
    ]);
    expect(meta('citation_firstpage')).toEqual(['100']);
  });

  it('shows the provenance with its corrections', () => {
    const quasar = dom(
      entryPage(context(model, 'entries/abel2001quasar.html'), model.entry('abel2001quasar')!),
    );
    const provenance = quasar.querySelector('[aria-labelledby="provenance-heading"]')!;
    expect(provenance.textContent).toContain('seed bibliography');
    expect(provenance.textContent).toContain('Quasar paging. A. Abel.');
    const row = [...provenance.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(row).toEqual([
      'authors',
      'A. Abel',
      'Ada Abel and Bruno Tanaka',
      'The fixture record lists two authors.',
    ]);
  });
});

describe('the home page', () => {
  it('lists the topics in reading order with counts, the newest additions by date, and the link check', () => {
    const model = fixtureModel({ report: true });
    const doc = dom(homePage(context(model, 'index.html'), []));
    const topics = [...doc.querySelectorAll('.topics > li')].map(
      (li) => `${li.querySelector('a')!.textContent} ${li.querySelector('.count')!.textContent}`,
    );
    expect(topics).toEqual([
      'CPU virtualization 4 entries',
      'Memory virtualization 3 entries',
      'Migration 2 entries',
      'GPU virtualization no entries yet',
    ]);
    const newest = [...doc.querySelectorAll('[aria-labelledby="newest-heading"] li a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(newest).toEqual([
      'entries/jimenez2015borealis.html',
      'entries/okafor2009ledger.html',
      'entries/hostile2020script.html',
      'entries/abel2001quasar.html',
    ]);
    expect(doc.querySelector('[aria-labelledby="links-heading"]')!.textContent).toContain(
      'Checked on 2026-06-01: 7 links',
    );
  });

  it('without any `added` date, shows the most recently published works under a heading that says so', () => {
    const model = fixtureModel();
    const undated = { ...model, additions: [] };
    const doc = dom(homePage(context(undated, 'index.html'), []));
    expect(doc.getElementById('newest-heading')!.textContent).toBe('Most recently published');
    expect(doc.querySelector('[aria-labelledby="newest-heading"] li a')!.getAttribute('href')).toBe(
      'entries/hostile2020script.html',
    );
    expect(doc.querySelector('[aria-labelledby="links-heading"]')!.textContent).toContain(
      'No link check report was given to this build.',
    );
  });
});

describe('the link health page', () => {
  it('gives the date of the check, the count per state, each host, and each link with the entries using it', () => {
    const model = fixtureModel({ report: true });
    const doc = dom(linksPage(context(model, 'links.html')));
    expect(doc.querySelector('time')!.getAttribute('datetime')).toBe('2026-06-01T03:04:05.000Z');
    const states = [...doc.querySelectorAll('table.summary tbody tr')].map((tr) =>
      [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent].join(' '),
    );
    expect(states).toEqual([
      'broken 1',
      'invalid 1',
      'failing, not yet broken 1',
      'could not be checked 1',
      'redirects 1',
      'works 2',
    ]);
    const hosts = [...doc.querySelectorAll('table.hosts tbody th')].map((th) => th.textContent);
    expect(hosts).toEqual(['example.org', '(not a web address)', 'DOIs (checked at the registry)']);
    const broken = doc.querySelector('#state-broken')!.parentElement!;
    expect(broken.textContent).toContain('https://example.org/quasar');
    expect(broken.querySelector('a[href="entries/abel2001quasar.html"]')).not.toBeNull();
    // The invalid javascript: URL is shown, never linked.
    const invalid = doc.querySelector('#state-invalid')!.parentElement!;
    expect(invalid.querySelector('td.url a')).toBeNull();
    expect(invalid.querySelector('a[href="entries/hostile2020script.html"]')).not.toBeNull();
  });

  it('says that no report was given when there is none', () => {
    const doc = dom(linksPage(context(fixtureModel(), 'links.html')));
    expect(doc.querySelector('main')!.textContent).toContain('No link check report was given to this build');
    expect(doc.querySelector('table')).toBeNull();
  });
});

describe('what the provenance says beyond its fields', () => {
  const model = fixtureModel();
  const page = (id: string) => dom(entryPage(context(model, `entries/${id}.html`), model.entry(id)!));

  it('gives the reason fields are unverified, and the provenance note', () => {
    const provenance = page('okafor2009ledger').querySelector('[aria-labelledby="provenance-heading"]')!;
    expect(provenance.querySelector('.warning')!.textContent).toBe(
      'Not checked against a record: pages. The fixture record gives no page numbers, and no other record of the paper could be read.',
    );
    expect(provenance.querySelector('.provenance-note')!.textContent).toBe(
      'Note: The fixture DOI-less conference paper: its journal version carries the DOI.',
    );
  });

  it('says when a work was not peer reviewed, and which checks it was waived from and why', () => {
    const doc = page('fixtureproject-wiki');
    expect(doc.querySelector('.entry header .meta')!.textContent).toMatch(/ · not peer reviewed$/);
    const row = [...doc.querySelectorAll('.fields div')].find(
      (d) => d.querySelector('dt')!.textContent === 'Peer reviewed',
    );
    expect(row!.querySelector('dd')!.textContent).toMatch(/^No/);
    expect(doc.querySelector('.waivers li')!.textContent).toBe(
      'verified-with-primary: The page itself is the only record of the fixture project wiki.',
    );
    // A reviewed paper says nothing about it.
    expect(page('abel2001quasar').querySelector('.entry header .meta')!.textContent).not.toContain('peer');
  });

  it('escapes hostile notes and reasons like every other field', () => {
    const doc = page(HOSTILE_ID);
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.querySelector('.provenance-note')!.textContent).toContain(
      '<script>window.__pwned=11</script>',
    );
  });
});
