import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSite, siteConfig, writeSite } from '../src/build.js';
import { loadData, SiteInputError } from '../src/data/load.js';
import { fixture, fixtureData, fixtureSite, listFiles, tempDir } from './helpers.js';

const digest = (files: Map<string, string | Uint8Array>) => {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort())
    hash.update(path).update('\0').update(files.get(path)!).update('\0');
  return hash.digest('hex');
};

describe('the build', () => {
  const temp = tempDir('build');
  afterAll(() => temp.remove());

  it('is deterministic: two builds of the same data write the same bytes', async () => {
    const a = join(temp.dir, 'a');
    const b = join(temp.dir, 'b');
    writeSite(fixtureSite(), a);
    writeSite(fixtureSite(), b);
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    for (const file of files) expect(readFileSync(join(b, file)), file).toEqual(readFileSync(join(a, file)));
    // ...and the published package's data too.
    const data = await loadData();
    const real = () => renderSite({ data, config: siteConfig() });
    expect(digest(real())).toBe(digest(real()));
  });

  it('writes a page per entry, topic and note, the site pages, the feeds and the data files', () => {
    const files = [...fixtureSite().keys()];
    const data = fixture.dataset;
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
    // A topic without entries gets its page, and the (empty) files the package publishes for it.
    expect(files).toContain('data/topics/gpu.bib');
    expect(files.filter((f) => f.startsWith('assets/')).sort()).toEqual([
      expect.stringMatching(/^assets\/copy\.[0-9a-f]{10}\.js$/),
      'assets/icon.svg',
      expect.stringMatching(/^assets\/minisearch\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^assets\/search-index\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^assets\/search\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^assets\/site\.[0-9a-f]{10}\.css$/),
    ]);
  });

  it('copies the published files byte for byte, the whole bibliography and each topic', () => {
    const files = fixtureSite();
    const published = [...fixture.files, ...fixture.topicFiles].map((f) => f.name);
    expect(published).toEqual(
      expect.arrayContaining(['bibliography.bib', 'bibliography.biblatex.bib', 'topics/migration.ris']),
    );
    for (const name of published)
      expect(Buffer.from(files.get(`data/${name}`) as Uint8Array), name).toEqual(
        readFileSync(join(fixtureData, name)),
      );
  });

  it("links a topic's files from its page only when the package publishes them and the topic has entries", () => {
    const files = fixtureSite();
    const links = (path: string) =>
      [...parseHTML(String(files.get(path))).document.querySelectorAll('.downloads a')].map((a) =>
        a.getAttribute('href'),
      );
    expect(links('topics/migration.html')).toEqual([
      '../data/topics/migration.bib',
      '../data/topics/migration.ris',
      '../data/topics/migration.json',
    ]);
    expect(links('topics/gpu.html')).toEqual([]);
    const withoutTopicFiles = renderSite({ data: { ...fixture, topicFiles: [] }, config: siteConfig() });
    expect(String(withoutTopicFiles.get('topics/migration.html'))).not.toContain('class="downloads"');
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

  it('finds the installed @virtbib/data by its exports, and cites with its own functions', async () => {
    const { dataset, files, citations } = await loadData();
    const api = await import('@virtbib/data');
    expect(dataset).toBe(api.dataset);
    expect(citations.toBibTeX).toBe(api.toBibTeX);
    expect(citations.cite).toBe(api.cite);
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['bibliography.bib', 'csl.json']));
  });

  it('says what is missing and what to run', async () => {
    await expect(loadData(temp.dir)).rejects.toThrow(SiteInputError);
    await expect(loadData(temp.dir)).rejects.toThrow(
      /index\.mjs does not exist: build the data package first/,
    );
    writeFileSync(join(temp.dir, 'index.mjs'), 'export const dataset = { entries: [] };\n');
    await expect(loadData(temp.dir)).rejects.toThrow(
      /is not the module of @virtbib\/data with its citation functions/,
    );
  });
});
