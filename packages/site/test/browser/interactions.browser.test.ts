/**
 * What a reader does, in Chromium, on the fixture site (test/fixtures: known entries, a hostile one, a link
 * report): search by title and by author, narrow by topic, year and type, do it all from the keyboard, and
 * copy an entry's citation.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../../src/build.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { fixture, fixtureSite, HOSTILE_ID, tempDir } from '../helpers.js';
import { axeViolations, chromiumOrFail, launch, type PageProblems, watchedPage } from './harness.js';

const chromium = chromiumOrFail();

describe.skipIf(!chromium)('reading the fixture site in Chromium', () => {
  const temp = tempDir('browser');
  const { citations, dataset } = fixture;
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  const watched: PageProblems[] = [];

  beforeAll(async () => {
    writeSite(fixtureSite(), join(temp.dir, 'site'));
    [browser, server] = await Promise.all([
      launch(chromium!),
      startServer({ root: join(temp.dir, 'site'), basePath: '/virtbib/', host: '127.0.0.3' }),
    ]);
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(server.url).origin,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    temp.remove();
    // Whatever the tests did, no page logged an error, failed a request or asked another origin.
    expect(watched.filter((p) => p.console.length + p.failed.length + p.foreign.length > 0)).toEqual([]);
  });

  async function open(path: string): Promise<Page> {
    const { page, problems } = await watchedPage(context);
    watched.push(problems);
    await page.goto(server.url + path, { waitUntil: 'load' });
    if (path.startsWith('search.html'))
      await page.waitForFunction(() => window.virtbibSearch?.ready === true);
    return page;
  }

  const resultIds = (page: Page) =>
    page.$$eval('#results li a', (links) =>
      links.map((a) =>
        new URL((a as HTMLAnchorElement).href).pathname
          .split('/')
          .pop()!
          .replace(/\.html$/, ''),
      ),
    );

  it('shows the entry whose title is typed first, as you type', async () => {
    const page = await open('search.html');
    await page.locator('#q').pressSequentially('paging gue', { delay: 20 });
    await expect.poll(() => resultIds(page)).toEqual(['abel2001quasar']);
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('Borealis sched', { delay: 20 });
    await expect.poll(async () => (await resultIds(page))[0]).toBe('jimenez2015borealis');
    expect(await page.locator('#search-status').textContent()).toBe('1 entry matches “Borealis sched”.');
    await page.close();
  });

  it("shows an author's entries first when their name is typed, accents or not", async () => {
    const page = await open('search.html');
    for (const name of ['Jiménez', 'jimenez', 'José Andrés']) {
      await page.locator('#q').fill(name);
      await expect
        .poll(async () => (await resultIds(page))[0], { message: name })
        .toBe('jimenez2015borealis');
    }
    await page.locator('#q').fill('Okafor');
    await expect
      .poll(async () => (await resultIds(page)).slice(0, 3).sort())
      .toEqual(['jimenez2015borealis', 'okafor2009ledger', 'okafor2011ledger-tocs']);
    await page.close();
  });

  it('narrows the results with the topic, year and type filters, and keeps them in the address', async () => {
    const page = await open('search.html');
    await expect.poll(() => resultIds(page)).toHaveLength(dataset.entries.length);
    await page.locator('#topic').selectOption('migration');
    await expect
      .poll(async () => (await resultIds(page)).sort())
      .toEqual(['okafor2009ledger', 'okafor2011ledger-tocs']);
    await page.locator('#q').fill('ledger');
    await page.locator('#topic').selectOption('memory');
    await expect.poll(() => resultIds(page)).toEqual(['okafor2009ledger']);
    await page.locator('#topic').selectOption('');
    await page.locator('#from').fill('2010');
    await page.locator('#from').dispatchEvent('change');
    await expect.poll(() => resultIds(page)).toEqual(['okafor2011ledger-tocs']);
    expect(new URL(page.url()).search).toBe('?q=ledger&from=2010');
    await page.locator('#q').fill('');
    await page.locator('#from').fill('');
    await page.locator('#type').selectOption('thesis');
    await expect.poll(() => resultIds(page)).toEqual(['tanaka2019thesis']);
    // The address reproduces the search.
    const again = await open(`search.html?topic=cpu&type=article-journal`);
    await expect.poll(() => resultIds(again)).toEqual(['jimenez2015borealis']);
    expect(await again.locator('#topic').inputValue()).toBe('cpu');
    await Promise.all([page.close(), again.close()]);
  });

  it('is reached and used with the keyboard alone: search box, results, and into an entry', async () => {
    const page = await open('search.html');
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'q') {
      await page.keyboard.press('Tab');
      expect(++tabs, 'Tab presses to reach the search box').toBeLessThan(15);
    }
    await page.keyboard.type('quasar');
    await expect.poll(() => resultIds(page)).toEqual(['abel2001quasar']);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Quasar: Paging Guest Memory Without a Shadow',
    );
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(/entries\/abel2001quasar\.html$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Quasar: Paging Guest Memory Without a Shadow');
    // The header's search box of any page leads to the results.
    await page.locator('#header-q').focus();
    await page.keyboard.type('ledger');
    await Promise.all([page.waitForURL(/search\.html\?q=ledger$/), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => window.virtbibSearch?.ready === true);
    await expect
      .poll(async () => (await resultIds(page)).sort())
      .toEqual(['okafor2009ledger', 'okafor2011ledger-tocs']);
    await page.close();
  });

  it("copies exactly the entry's BibTeX, RIS and CSL-JSON to the clipboard", async () => {
    const page = await open('entries/okafor2009ledger.html');
    const copied = async (button: string) => {
      await page.evaluate(() => navigator.clipboard.writeText('(nothing yet)'));
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect
        .poll(() => page.locator('.copy-status').textContent())
        .toMatch(/copied to the clipboard\.$/);
      return page.evaluate(() => navigator.clipboard.readText());
    };
    expect(await copied('Copy BibTeX')).toBe(citations.toBibTeX('okafor2009ledger'));
    expect(await copied('Copy RIS')).toBe(citations.toRIS('okafor2009ledger'));
    expect(await copied('Copy CSL-JSON')).toBe(citations.toCSL('okafor2009ledger'));
    expect(await copied('Copy APA')).toBe(citations.cite('okafor2009ledger').text);
    await page.close();
  });

  it('shows the hostile entry as text: none of its markup runs', async () => {
    const page = await open(`entries/${HOSTILE_ID}.html`);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('h1').textContent()).toBe(
      dataset.entries.find((e) => (e.id as string) === HOSTILE_ID)!.title,
    );
    expect(await page.getByRole('button', { name: 'Copy BibTeX', exact: true }).isVisible()).toBe(true);
    // (The feed is XML, which no browser runs scripts from; test/feeds.test.ts checks its escaping. Opened
    // here it would make Chromium ask for /favicon.ico, outside the site, at a moment of its choosing.)
    for (const path of ['search.html?q=pwned', 'topics/cpu.html', 'notes/small-devices.html', 'links.html']) {
      const other = await open(path);
      expect(await other.evaluate(() => (window as { __pwned?: unknown }).__pwned), path).toBeUndefined();
      await other.close();
    }
    await page.close();
  });

  it('prints the content only, with the address of each outside link after it', async () => {
    const page = await open('entries/abel2001quasar.html');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (selector: string) =>
        getComputedStyle(document.querySelector(selector)!).display !== 'none';
      const link = document.querySelector('.links a[href^="https:"]')!;
      return {
        header: shown('.site-header'),
        footer: shown('.site-footer'),
        buttons: shown('.copy-buttons'),
        title: shown('h1'),
        after: getComputedStyle(link, '::after').content,
        href: link.getAttribute('href'),
      };
    });
    expect(printed).toMatchObject({ header: false, footer: false, buttons: false, title: true });
    expect(printed.after).toBe(`" <${printed.href}>"`);
    await page.close();
  });

  it('has no axe-core violation on the pages only the fixtures fill: a link report, a hostile entry, results', async () => {
    const found: Record<string, unknown> = {};
    for (const path of [
      'links.html',
      `entries/${HOSTILE_ID}.html`,
      'entries/okafor2009ledger.html',
      'search.html?q=ledger',
    ]) {
      const page = await open(path);
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('details')) details.open = true;
      });
      const violations = await axeViolations(page);
      if (violations.length > 0) found[path] = violations;
      await page.close();
    }
    expect(found).toEqual({});
  });
});
