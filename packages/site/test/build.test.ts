import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSite, siteConfig, writeSite } from '../src/build.js';
import { loadData, SiteInputError } from '../src/data/load.js';
import { fixtureData, fixtureSite, listFiles, tempDir } from './helpers.js';

const digest = (files: Map<string, string | Uint8Array>) => {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort())
    hash.update(path).update('\0').update(files.get(path)!).update('\0');
  return hash.digest('hex');
};

describe('the build', () => {
  const temp = tempDir('build');
  afterAll(() => temp.remove());

  it('is deterministic: two builds of the same data write the same bytes', () => {
    const a = join(temp.dir, 'a');
    const b = join(temp.dir, 'b');
    writeSite(fixtureSite(), a);
    writeSite(fixtureSite(), b);
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    for (const file of files) expect(readFileSync(join(b, file)), file).toEqual(readFileSync(join(a, file)));
    // ...and the published package's data too.
    const real = () => renderSite({ data: loadData(), config: siteConfig() });
    expect(digest(real())).toBe(digest(real()));
  });

  it('writes a page per entry, topic and note, the site pages, the feeds and the data files', () => {
    const files = [...fixtureSite().keys()];
    const data = loadData(fixtureData).dataset;
    for (const entry of data.entries) expect(files).toContain(`entries/${entry.id}.html`);
    for (const topic of data.topics) expect(files).toContain(`topics/${topic.id}.html`);
    for (const path of [
      'index.html',
      'search.html',
      'timeline.html',
      'notes.html',
      'notes/small-devices.html',
      'links.html',
      '404.html',
      'feed.xml',
      'sitemap.xml',
      '.nojekyll',
      'data/bibliography.bib',
      'data/bibliography.ris',
      'data/csl.json',
      'data/bibliography.json',
      'data/topics/cpu.bib',
      'data/topics/cpu.ris',
      'data/topics/cpu.json',
    ])
      expect(files).toContain(path);
    // A topic without entries gets its page, but no empty files.
    expect(files).not.toContain('data/topics/gpu.bib');
    expect(files.filter((f) => f.startsWith('assets/')).sort()).toEqual([
      expect.stringMatching(/^assets\/copy\.[0-9a-f]{10}\.js$/),
      'assets/icon.svg',
      expect.stringMatching(/^assets\/minisearch\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^assets\/search-index\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^assets\/search\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^assets\/site\.[0-9a-f]{10}\.css$/),
    ]);
  });

  it('copies the published files byte for byte, and writes per-topic files with the citation functions', () => {
    const files = fixtureSite();
    for (const name of ['bibliography.bib', 'bibliography.ris', 'csl.json', 'bibliography.json'])
      expect(Buffer.from(files.get(`data/${name}`) as Uint8Array)).toEqual(
        readFileSync(join(fixtureData, name)),
      );
    const { citations, dataset } = loadData(fixtureData);
    const migration = dataset.topics.find((t) => t.id === 'migration')!;
    expect(files.get('data/topics/migration.bib')).toBe(citations.toBibTeX(migration.entries));
    expect(
      JSON.parse(String(files.get('data/topics/migration.json'))).map((i: { id: string }) => i.id),
    ).toEqual(migration.entries);
  });

  it('uses the base path where relative links cannot work: the 404 page, the feed, the sitemap, canonical links', () => {
    const files = fixtureSite({ siteUrl: 'https://example.org/some/base' });
    const notFound = parseHTML(String(files.get('404.html'))).document;
    const hrefs = [...notFound.querySelectorAll('a[href], link[href], script[src]')].map(
      (el) => el.getAttribute('href') ?? el.getAttribute('src')!,
    );
    for (const href of hrefs.filter((h) => !/^https?:/.test(h) && h !== '#main'))
      expect(href).toMatch(/^\/some\/base\//);
    expect(String(files.get('sitemap.xml'))).toContain(
      '<loc>https://example.org/some/base/entries/abel2001quasar.html</loc>',
    );
    expect(String(files.get('sitemap.xml'))).not.toContain('404.html');
    expect(String(files.get('feed.xml'))).toContain(
      '<id>https://example.org/some/base/entries/abel2001quasar.html</id>',
    );
    const home = parseHTML(String(files.get('index.html'))).document;
    expect(home.querySelector('link[rel=canonical]')!.getAttribute('href')).toBe(
      'https://example.org/some/base/',
    );
    // Other pages link relatively whatever the base path.
    expect(home.querySelector('a[href="search.html"]')).not.toBeNull();
  });

  it('replaces the output folder in one step and leaves no file of an earlier build', () => {
    const out = join(temp.dir, 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'stale.html'), 'old');
    writeSite(fixtureSite(), out);
    expect(existsSync(join(out, 'stale.html'))).toBe(false);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(listFiles(temp.dir).filter((f) => /\.(tmp|old)-\d+/.test(f))).toEqual([]);
  });
});

describe('reading the data package', () => {
  const temp = tempDir('load');
  afterAll(() => temp.remove());

  it('finds the installed @virtbib/data by its exports', () => {
    const { dataset, files } = loadData();
    expect(dataset.name).toBe('@virtbib/data');
    expect(dataset.entries.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['bibliography.bib', 'csl.json']));
  });

  it('says what is missing and what to run', () => {
    expect(() => loadData(temp.dir)).toThrow(SiteInputError);
    expect(() => loadData(temp.dir)).toThrow(
      /bibliography\.json does not exist: build the data package first/,
    );
    writeFileSync(join(temp.dir, 'bibliography.json'), '{"entries": 1}');
    writeFileSync(join(temp.dir, 'csl.json'), '[]');
    expect(() => loadData(temp.dir)).toThrow(/is not the bibliography of @virtbib\/data/);
  });
});
