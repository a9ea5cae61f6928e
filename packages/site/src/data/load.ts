/**
 * Reads what @virtbib/data publishes, and nothing else: bibliography.json, and the BibTeX, RIS and
 * CSL-JSON files the citation functions come from. By default the installed package; `dir` points at
 * another build of it (the benchmark's synthetic data, the tests' fixtures).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dataset } from '@virtbib/data';
import type { Citations } from './citations.js';
import { shimCitations } from './citations-shim.js';

/** A file of the data package the site offers for download, as the package publishes it. */
export interface PublishedFile {
  name: string;
  path: string;
  bytes: number;
  what: string;
}

export interface LoadedData {
  dir: string;
  dataset: Dataset;
  citations: Citations;
  files: PublishedFile[];
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

/** The installed @virtbib/data's dist folder, found the way any consumer finds it: by its exports. */
export function packageDataDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('@virtbib/data/bibliography.json'));
  } catch {
    throw new SiteInputError('@virtbib/data is not installed: run `npm ci` at the repository root.');
  }
}

function read(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path))
    throw new SiteInputError(
      `${path} does not exist: build the data package first (\`npm run build\` at the repository root).`,
    );
  return readFileSync(path, 'utf8');
}

export function loadData(dir: string = packageDataDir()): LoadedData {
  let dataset: Dataset;
  let csl: { id: string }[];
  try {
    dataset = JSON.parse(read(dir, 'bibliography.json')) as Dataset;
    csl = JSON.parse(read(dir, 'csl.json')) as { id: string }[];
  } catch (error) {
    if (error instanceof SiteInputError) throw error;
    throw new SiteInputError(`${dir}: a published JSON file does not parse (${(error as Error).message}).`);
  }
  if (!Array.isArray(dataset?.entries) || !Array.isArray(dataset.topics) || !Array.isArray(dataset.notes))
    throw new SiteInputError(`${join(dir, 'bibliography.json')} is not the bibliography of @virtbib/data.`);
  const citations = shimCitations(dataset, {
    bibtex: read(dir, 'bibliography.bib'),
    ris: read(dir, 'bibliography.ris'),
    csl,
  });
  const files = DOWNLOADS.flatMap(([name, what]) => {
    const path = join(dir, name);
    return existsSync(path) ? [{ name, path, bytes: statSync(path).size, what }] : [];
  });
  return { dir, dataset, citations, files };
}
