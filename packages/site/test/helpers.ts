import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSite, siteConfig } from '../src/build.js';
import { parseLinkReport } from '../src/data/link-report.js';
import { loadData } from '../src/data/load.js';
import { type Assets, pageContext } from '../src/layout.js';
import { createModel, type SiteModel } from '../src/model.js';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** The published files of the fixture dataset (made by test/fixtures/make-data.mjs). */
export const fixtureData = join(packageDir, 'test', 'fixtures', 'data');
export const fixtureReportFile = join(packageDir, 'test', 'fixtures', 'link-report.json');
/** The site `npm run build` made from the real @virtbib/data. */
export const realDist = join(packageDir, 'dist');

export const HOSTILE_ID = 'hostile2020script';

export function fixtureReport() {
  return parseLinkReport(readFileSync(fixtureReportFile, 'utf8'), fixtureReportFile);
}

/** The fixture package, loaded once: its module, citation functions and files. */
export const fixture = await loadData(fixtureData);

export function fixtureModel(options: { report?: boolean } = {}): SiteModel {
  return createModel(
    fixture.dataset,
    fixture.citations,
    siteConfig(),
    options.report ? fixtureReport() : undefined,
  );
}

export const fakeAssets: Assets = {
  css: 'assets/site.css',
  icon: 'assets/icon.svg',
  copyScript: 'assets/copy.js',
  searchScript: 'assets/search.js',
  minisearch: 'assets/minisearch.js',
  searchIndex: 'assets/search-index.js',
};

export function context(model: SiteModel, path: string) {
  return pageContext(model, fakeAssets, path);
}

/** Every file under a folder, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** Renders the fixture site (with the fixture link report unless told otherwise). */
export function fixtureSite(options: { report?: boolean; siteUrl?: string } = {}) {
  return renderSite({
    data: fixture,
    config: siteConfig(options.siteUrl),
    linkReport: options.report === false ? undefined : fixtureReport(),
  });
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `virtbib-site-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
