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

/**
 * The URLs of the dataset: every `urls.*` field of every entry, and the records in
 * `provenance.verifiedWith` that are web addresses. Each is traced to its file and line.
 */
export function datasetInputs(dir: string, cwd: string, only?: (file: string) => boolean): LinkInput[] {
  const inputs: LinkInput[] = [];
  for (const { shown, source, entry } of datasetEntries(dir, cwd, only)) {
    const found: { url: string; path: (string | number)[] }[] = [];
    if (typeof entry.urls === 'object' && entry.urls !== null)
      for (const { url, path } of entryUrls(entry)) if (typeof url === 'string') found.push({ url, path });
    const records = entry.provenance?.verifiedWith;
    if (Array.isArray(records))
      records.forEach((record, index) => {
        if (typeof record === 'string' && isWebUrl(record.trim()))
          found.push({ url: record, path: ['provenance', 'verifiedWith', index] });
      });
    inputs.push(...traced(shown, source, found));
  }
  return inputs;
}

/**
 * The DOIs of the dataset (`doi` and `alternateDois`) as `doi:` inputs traced to file and line, with the
 * entry each belongs to, which the registry's metadata is compared against.
 */
export function datasetDoiInputs(
  dir: string,
  cwd: string,
  only?: (file: string) => boolean,
): { inputs: LinkInput[]; entries: Map<string, Entry> } {
  const inputs: LinkInput[] = [];
  const entries = new Map<string, Entry>();
  for (const { shown, source, entry } of datasetEntries(dir, cwd, only)) {
    const found: { url: string; path: (string | number)[] }[] = [];
    if (typeof entry.doi === 'string')
      found.push({ url: `${DOI_SCHEME}${normalizeDoi(entry.doi)}`, path: ['doi'] });
    if (Array.isArray(entry.alternateDois))
      entry.alternateDois.forEach((doi, i) => {
        if (typeof doi === 'string')
          found.push({ url: `${DOI_SCHEME}${normalizeDoi(doi)}`, path: ['alternateDois', i] });
      });
    for (const { url } of found) entries.set(url, entry);
    inputs.push(...traced(shown, source, found));
  }
  return { inputs, entries };
}

function fieldName(path: (string | number)[]): string {
  return path
    .map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`))
    .join('')
    .slice(1);
}
