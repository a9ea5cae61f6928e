/**
 * Reads what @virtbib/data publishes, and nothing else: its module (the dataset and the citation functions)
 * and the files it exports for download. By default the installed package, found the way any consumer
 * finds it; `dir` points at another build of it (the benchmark's synthetic data, the tests' fixtures).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Dataset } from '@virtbib/data';
import type { Citations } from './citations.js';

/** A file of the data package the site offers for download, as the package publishes it. */
export interface PublishedFile {
  /** Its path in the package's dist/ (and under data/ in the site). */
  name: string;
  path: string;
  bytes: number;
  what: string;
}

export interface LoadedData {
  dir: string;
  dataset: Dataset;
  citations: Citations;
  /** The whole-bibliography files, in the order the home page offers them. */
  files: PublishedFile[];
  /** The per-topic files (topics/<id>.bib, .ris, .json). */
  topicFiles: PublishedFile[];
}

/** Something the build needs is missing or unreadable: the message says what and what to do. */
export class SiteInputError extends Error {
  override name = 'SiteInputError';
}

/** The files offered for download, in this order, when the package has them. */
const DOWNLOADS: readonly (readonly [string, string])[] = [
  ['bibliography.bib', 'BibTeX, for LaTeX'],
  ['bibliography.biblatex.bib', 'biblatex, for biber'],
  ['bibliography.ris', 'RIS, for EndNote, Zotero and Mendeley'],
  ['csl.json', 'CSL-JSON, for citeproc, Pandoc and Zotero'],
  ['bibliography.json', 'the whole bibliography as JSON'],
];

/** The installed @virtbib/data's dist folder, found through its exports. */
export function packageDataDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('@virtbib/data/bibliography.json'));
  } catch {
    throw new SiteInputError('@virtbib/data is not installed: run `npm ci` at the repository root.');
  }
}

type DataModule = Pick<typeof import('@virtbib/data'), 'dataset' | 'toBibTeX' | 'toRIS' | 'toCSL' | 'cite'>;

export async function loadData(dir: string = packageDataDir()): Promise<LoadedData> {
  const module = join(dir, 'index.mjs');
  if (!existsSync(module))
    throw new SiteInputError(
      `${module} does not exist: build the data package first (\`npm run build\` at the repository root).`,
    );
  let api: DataModule;
  try {
    api = (await import(pathToFileURL(module).href)) as DataModule;
  } catch (error) {
    throw new SiteInputError(`${module} does not load: ${(error as Error).message}`);
  }
  const { dataset } = api;
  if (
    !Array.isArray(dataset?.entries) ||
    typeof api.toBibTeX !== 'function' ||
    typeof api.cite !== 'function'
  )
    throw new SiteInputError(
      `${module} is not the module of @virtbib/data with its citation functions (toBibTeX, toRIS, toCSL, cite).`,
    );
  const file = (name: string, what: string): PublishedFile[] => {
    const path = join(dir, name);
    return existsSync(path) ? [{ name, path, bytes: statSync(path).size, what }] : [];
  };
  const topicsDir = join(dir, 'topics');
  const topicFiles = existsSync(topicsDir)
    ? readdirSync(topicsDir)
        .filter((name) => /\.(?:bib|ris|json)$/.test(name))
        .sort()
        .flatMap((name) => file(`topics/${name}`, 'one topic'))
    : [];
  return {
    dir,
    dataset,
    citations: { toBibTeX: api.toBibTeX, toRIS: api.toRIS, toCSL: api.toCSL, cite: api.cite },
    files: DOWNLOADS.flatMap(([name, what]) => file(name, what)),
    topicFiles,
  };
}
