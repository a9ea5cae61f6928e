/**
 * The site build as a recipe: read the published data (and the link report, when given), work out every
 * file of the site in memory, then write them all at once. The output depends only on the inputs, so
 * building twice gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LinkReport, parseLinkReport } from './data/link-report.js';
import type { LoadedData } from './data/load.js';
import { atomFeed } from './feeds/atom.js';
import { sitemap } from './feeds/sitemap.js';
import { type Assets, pageContext } from './layout.js';
import { createModel, type SiteConfig, type SiteModel } from './model.js';
import { entryPage } from './pages/entry.js';
import { homePage } from './pages/home.js';
import { linksPage } from './pages/links.js';
import { notFoundPage } from './pages/not-found.js';
import { notePage, notesIndexPage } from './pages/notes.js';
import { searchPage } from './pages/search.js';
import { renderChart, timelineData, timelinePage } from './pages/timeline.js';
import { topicPage } from './pages/topic.js';
import { dataPath, entryPath, notePath, PAGES, topicPath } from './paths.js';
import { expandIndex } from './search/compact.js';
import { searchIndexScript } from './search/index-builder.js';
import { processTerm } from './search/options.js';

/** The package folder: src/ and lib/ are both one level down, so this holds for the tests and the build. */
const packageDir = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_SITE_URL = 'https://virtbib.github.io/virtbib/';
export const REPOSITORY_URL = 'https://github.com/virtbib/virtbib';

export type SiteFiles = Map<string, string | Uint8Array>;

/** The site URL with a trailing slash, and its path: the base path the site is served under. */
export function siteConfig(siteUrl = DEFAULT_SITE_URL, repositoryUrl = REPOSITORY_URL): SiteConfig {
  const url = new URL(siteUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`The site URL must be an http(s) URL, not ${JSON.stringify(siteUrl)}.`);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { siteUrl: url.href, basePath: url.pathname, repositoryUrl };
}

function hashed(folder: string, name: string, ext: string, content: string | Uint8Array): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  return `${folder}/${name}.${hash}.${ext}`;
}

/** The browser's copy of MiniSearch (the UMD build: a classic script that defines window.MiniSearch). */
function miniSearchScript(): string {
  const require = createRequire(import.meta.url);
  // The package exports neither its UMD build nor package.json: both are found from its main file.
  const packageRoot = join(dirname(require.resolve('minisearch')), '..', '..');
  const umd = join(packageRoot, 'dist', 'umd', 'index.js');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const source = readFileSync(umd, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  return `/*! MiniSearch ${version} | MIT License | https://github.com/lucaong/minisearch */\n${source}`;
}

function clientScript(name: string): string {
  const path = join(packageDir, 'lib', 'client', `${name}.js`);
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: compile the browser scripts first (npm run build -w @virtbib/site).`,
    );
  return readFileSync(path, 'utf8');
}

/** The site's own files (styles, scripts, the search index) under content-hashed names. */
function assetFiles(model: SiteModel): { assets: Assets; files: SiteFiles } {
  const files: SiteFiles = new Map();
  const add = (name: string, ext: string, content: string) => {
    const path = hashed('assets', name, ext, content);
    files.set(path, content);
    return path;
  };
  const icon = 'assets/icon.svg';
  files.set(icon, readFileSync(join(packageDir, 'assets', 'icon.svg'), 'utf8'));
  const search = `var virtbibProcessTerm = ${processTerm.toString()};\nvar virtbibExpandIndex = ${expandIndex.toString()};\n${clientScript('search')}`;
  const assets: Assets = {
    css: add('site', 'css', readFileSync(join(packageDir, 'assets', 'site.css'), 'utf8')),
    icon,
    copyScript: add('copy', 'js', clientScript('copy')),
    searchScript: add('search', 'js', search),
    minisearch: add('minisearch', 'js', miniSearchScript()),
    searchIndex: add('search-index', 'js', searchIndexScript(model)),
  };
  return { assets, files };
}

export interface RenderInput {
  data: LoadedData;
  config: SiteConfig;
  linkReport?: LinkReport;
}

/** Every file of the site, by path from its root. */
export function renderSite({ data, config, linkReport }: RenderInput): SiteFiles {
  const model = createModel(data.dataset, data.citations, config, linkReport);
  const { assets, files } = assetFiles(model);
  const ctx = (path: string) => pageContext(model, assets, path);

  files.set(PAGES.home, homePage(ctx(PAGES.home), data.files));
  const published = new Set(data.topicFiles.map((file) => file.name));
  for (const topic of model.topics) {
    const downloads = ['bib', 'ris', 'json'].every((ext) => published.has(`topics/${topic.id}.${ext}`));
    files.set(topicPath(topic.id), topicPage(ctx(topicPath(topic.id)), topic, downloads));
  }
  for (const entry of model.entries)
    files.set(entryPath(entry.id), entryPage(ctx(entryPath(entry.id)), entry));
  files.set(PAGES.search, searchPage(ctx(PAGES.search)));
  const timeline = timelineData(model);
  files.set(PAGES.timeline, timelinePage(ctx(PAGES.timeline), renderChart(timeline), timeline));
  files.set(PAGES.notes, notesIndexPage(ctx(PAGES.notes)));
  for (const note of model.notes) files.set(notePath(note.id), notePage(ctx(notePath(note.id)), note));
  files.set(PAGES.links, linksPage(ctx(PAGES.links)));
  files.set(PAGES.notFound, notFoundPage(pageContext(model, assets, PAGES.notFound, true)));
  files.set(PAGES.feed, atomFeed(model));
  files.set(PAGES.sitemap, sitemap(model, [...files.keys()].sort()));

  // The data files as the package publishes them, the whole bibliography's and each topic's.
  for (const file of [...data.files, ...data.topicFiles])
    files.set(dataPath(file.name), readFileSync(file.path));
  // GitHub Pages would otherwise run the folder through Jekyll, which drops some files.
  files.set('.nojekyll', '');
  return files;
}

export function readLinkReport(path: string | undefined): LinkReport | undefined {
  if (path === undefined) return undefined;
  return parseLinkReport(readFileSync(path, 'utf8'), path);
}

/**
 * Writes the site into `outDir` in one step: into a fresh folder beside it, then renamed into place, so
 * that the output is never half-written and no file of an earlier build is left behind.
 */
export function writeSite(files: SiteFiles, outDir: string): void {
  const staging = `${outDir}.tmp-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const made = new Set<string>();
  for (const path of [...files.keys()].sort()) {
    const full = join(staging, path);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, files.get(path)!);
  }
  if (files.size === 0) mkdirSync(staging, { recursive: true });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
}
