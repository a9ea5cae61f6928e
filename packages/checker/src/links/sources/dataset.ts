import { join, relative } from 'node:path';
import {
  type Entry,
  entryUrls,
  listDatasetFiles,
  loadFile,
  locate,
  normalizeDoi,
  type SourceFile,
  textOf,
} from '@virtbib/schema';
import type { LinkInput } from '../types.js';
import { isWebUrl } from './lines.js';

/** DOIs travel through the run as `doi:` URLs, so that history, cache, shards and reports treat them alike. */
export const DOI_SCHEME = 'doi:';

/**
 * The entries of a dataset with their files, as paths relative to `cwd`. Files that do not parse are left
 * to `virtbib validate`; `only` restricts the files read (used by --changed-since).
 */
function* datasetEntries(dir: string, cwd: string, only?: (file: string) => boolean) {
  for (const { kind, file } of listDatasetFiles(dir)) {
    if (kind !== 'entry') continue;
    if (only && !only(join(dir, file))) continue;
    const { source } = loadFile(dir, kind, file);
    if (!source || typeof source.data !== 'object' || source.data === null) continue;
    yield {
      shown: relative(cwd, join(dir, file)).split('\\').join('/'),
      source,
      entry: source.data as Entry,
    };
  }
}

function traced(
  shown: string,
  source: SourceFile,
  found: { url: string; path: (string | number)[] }[],
): LinkInput[] {
  const text = found.length > 0 ? textOf(source) : '';
  return found.map(({ url, path }) => {
    const { line, column } = locate(text, path);
    return { url, source: { file: shown, line, column, field: fieldName(path) } };
  });
}

export interface DatasetInputs {
  /** The URLs: every `urls.*` field, and the records in `provenance.verifiedWith` that are web addresses. */
  links: LinkInput[];
  /** The DOIs (`doi` and `alternateDois`) as `doi:` inputs. */
  dois: LinkInput[];
  /** The entry of each file (as sources name it): the registry's record of a DOI is compared with every
   * entry that cites it. */
  entries: Map<string, Entry>;
}

/** Reads the dataset once and traces each URL and DOI to its file and line. */
export function readDatasetInputs(dir: string, cwd: string, only?: (file: string) => boolean): DatasetInputs {
  const out: DatasetInputs = { links: [], dois: [], entries: new Map() };
  for (const { shown, source, entry } of datasetEntries(dir, cwd, only)) {
    const links: { url: string; path: (string | number)[] }[] = [];
    if (typeof entry.urls === 'object' && entry.urls !== null)
      for (const { url, path } of entryUrls(entry)) if (typeof url === 'string') links.push({ url, path });
    const records = entry.provenance?.verifiedWith;
    if (Array.isArray(records))
      records.forEach((record, index) => {
        if (typeof record === 'string' && isWebUrl(record.trim()))
          links.push({ url: record, path: ['provenance', 'verifiedWith', index] });
      });
    const dois: { url: string; path: (string | number)[] }[] = [];
    if (typeof entry.doi === 'string')
      dois.push({ url: `${DOI_SCHEME}${normalizeDoi(entry.doi)}`, path: ['doi'] });
    if (Array.isArray(entry.alternateDois))
      entry.alternateDois.forEach((doi, i) => {
        if (typeof doi === 'string')
          dois.push({ url: `${DOI_SCHEME}${normalizeDoi(doi)}`, path: ['alternateDois', i] });
      });
    if (dois.length > 0) out.entries.set(shown, entry);
    out.links.push(...traced(shown, source, links));
    out.dois.push(...traced(shown, source, dois));
  }
  return out;
}

/** The URLs of the dataset (no DOIs), each traced to its file and line. */
export function datasetInputs(dir: string, cwd: string, only?: (file: string) => boolean): LinkInput[] {
  return readDatasetInputs(dir, cwd, only).links;
}

function fieldName(path: (string | number)[]): string {
  return path
    .map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`))
    .join('')
    .slice(1);
}
