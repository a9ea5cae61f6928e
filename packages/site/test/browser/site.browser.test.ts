/**
 * The site built from the published @virtbib/data (packages/site/dist, made by `npm run build`), in
 * Chromium: every page type loads cleanly, passes axe in light and dark mode, fits a phone, works from
 * disk; the timeline is labelled; and the README's screenshots are taken here.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfig } from '../../src/build.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { packageDir, realDist } from '../helpers.js';
import { axeViolations, chromiumOrFail, launch, watchedPage } from './harness.js';

const chromium = chromiumOrFail();
// The site as built: for its Pages address in the Site workflow (VIRTBIB_SITE_URL), else the default.
const { basePath } = siteConfig(process.env.VIRTBIB_SITE_URL || undefined);

/** One page of each type, chosen from the data as it is now (it grows): never a hard-coded ID. */
function pagesOfEachType(): Record<string, string> {
  const data = JSON.parse(readFileSync(join(realDist, 'data', 'bibliography.json'), 'utf8')) as {
    topics: { id: string; entries: string[] }[];
    notes: { id: string }[];
  };
  const topic = data.topics.find((t) => t.entries.length >= 2) ?? data.topics[0]!;
  const pages: Record<string, string> = {
    home: '',
    topic: `topics/${topic.id}.html`,
    entry: `entries/${topic.entries[0]}.html`,
    search: 'search.html?q=virtual',
    timeline: 'timeline.html',
    notes: 'notes.html',
    'link health': 'links.html',
    'not found': 'entries/no-such-entry.html',
  };
  if (data.notes[0]) pages.note = `notes/${data.notes[0].id}.html`;
  return pages;
}

describe.skipIf(!chromium)('the published site in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let pages: Record<string, string>;
  beforeAll(async () => {
    expect(existsSync(join(realDist, 'index.html')), 'packages/site/dist: run `npm run build` first').toBe(
      true,
    );
    pages = pagesOfEachType();
    [browser, server] = await Promise.all([
      launch(chromium!),
      startServer({ root: realDist, basePath, host: '127.0.0.1' }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const notFoundIsExpected = (url: string, status: number) => status === 404 && url.includes('no-such-entry');

  /** Opens a page as a reader would, the folded parts (BibTeX, the numbers behind the chart) opened too. */
  async function visit(context: BrowserContext, type: string, path: string) {
    const watched = await watchedPage(context, { allowStatus: notFoundIsExpected });
    const response = await watched.page.goto(server.url + path, { waitUntil: 'load' });
    expect(response!.status(), type).toBe(type === 'not found' ? 404 : 200);
    await expect.poll(() => watched.page.locator('h1').count(), { timeout: 10_000 }).toBe(1);
    if (type === 'search') await watched.page.waitForFunction(() => window.virtbibSearch?.ready === true);
    await watched.page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    return watched;
  }

  it('loads every page type with no console error, no failed request, nothing from another origin, and no axe-core violation', async () => {
    const context = await browser.newContext();
    const found: Record<string, unknown> = {};
    for (const [type, path] of Object.entries(pages)) {
      const { page, problems } = await visit(context, type, path);
      const violations = await axeViolations(page);
      if (violations.length > 0) found[type] = violations;
      expect(problems, type).toEqual({ console: [], failed: [], foreign: [] });
      await page.close();
    }
    expect(found).toEqual({});
    await context.close();
  });

  // Only the colours change in dark mode, so only axe's contrast rule runs again there; on a phone-sized
  // screen, at the same time, no page may scroll sideways.
  it('on a phone in dark mode: no page type scrolls sideways at 360 pixels, and all text keeps its contrast', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      colorScheme: 'dark',
    });
    const wide: string[] = [];
    const found: Record<string, unknown> = {};
    for (const [type, path] of Object.entries(pages)) {
      const { page } = await visit(context, type, path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) wide.push(`${type}: ${overflow}px too wide`);
      const violations = await axeViolations(page, ['color-contrast']);
      if (violations.length > 0) found[type] = violations;
      await page.close();
    }
    expect(wide).toEqual([]);
    expect(found).toEqual({});
    await context.close();
  });

  it('draws the timeline as inline SVG with a title and a description, and loads no chart script', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}timeline.html`, { waitUntil: 'load' });
    const svg = page.locator('figure.timeline svg');
    await expect.poll(() => svg.count()).toBe(1);
    expect(await svg.getAttribute('role')).toBe('img');
    const name = await page.evaluate(() => {
      const el = document.querySelector('figure.timeline svg')!;
      const byId = (attr: string) => document.getElementById(el.getAttribute(attr) ?? '')?.textContent ?? '';
      return {
        title: byId('aria-labelledby'),
        desc: byId('aria-describedby'),
        bars: el.querySelectorAll('rect').length,
      };
    });
    expect(name.title).toBe('Entries per year, by topic');
    expect(name.desc).toMatch(/^Stacked bar chart of \d+ entr(y|ies) by year of publication/);
    expect(name.bars).toBeGreaterThan(0);
    expect(await page.locator('script').count()).toBe(0);
    expect(problems).toEqual({ console: [], failed: [], foreign: [] });
    await context.close();
  });

  it('works opened from disk: relative links lead from page to page, and search runs', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(pathToFileURL(join(realDist, 'index.html')).href, { waitUntil: 'load' });
    await page.locator('#topics ol a').first().click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/topics\/[a-z0-9-]+\.html$/);
    await page.locator('.reading-order .entry-title a').first().click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/entries\/[a-z0-9-]+\.html$/);
    const title = await page.locator('h1').textContent();
    await page.goto(
      `${pathToFileURL(join(realDist, 'search.html')).href}?q=${encodeURIComponent(title!.split(/\s+/).slice(0, 3).join(' '))}`,
    );
    await page.waitForFunction(() => window.virtbibSearch?.ready === true);
    expect(await page.locator('#results a').count()).toBeGreaterThan(0);
    expect(problems).toEqual({ console: [], failed: [], foreign: [] });
    await context.close();
  });

  it('takes the screenshots of the home, a topic, an entry and the search page', async () => {
    // test-results/ by default; `npm run site:screenshots` points this at docs/screenshots for the README.
    const dir = process.env.VIRTBIB_SCREENSHOTS ?? join(packageDir, 'test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const context = await browser.newContext({
      viewport: { width: 1200, height: 860 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const shots: [string, string][] = [
      ['home', ''],
      ['topic', pages.topic!],
      ['entry', pages.entry!],
      ['search', 'search.html?q=migration'],
    ];
    for (const [name, path] of shots) {
      await page.goto(server.url + path, { waitUntil: 'load' });
      if (name === 'search') await page.waitForFunction(() => window.virtbibSearch?.ready === true);
      await page.screenshot({ path: join(dir, `${name}.png`) });
      expect(
        readFileSync(join(dir, `${name}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    await context.close();
  });
});
