import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileKind } from '../checking/schema-order.js';
import { UsageError } from '../errors.js';
import { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES } from './file-limits.js';
import { isInside } from './read-file.js';

/** Where each kind of file lives inside a dataset directory (packages/data). */
export const LAYOUT = { entries: 'entries', topics: 'topics.yaml', notes: 'notes' } as const;

export function isDatasetDir(dir: string): boolean {
  return datasetDirProblem(dir) === undefined;
}

/** Why `dir` is not a dataset directory (it does not exist, is a file, has no entries/), or undefined. */
export function datasetDirProblem(dir: string, shown = dir): string | undefined {
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) return `${shown} does not exist.`;
  if (!stats.isDirectory()) return `${shown} is not a directory.`;
  const entries = statSync(join(dir, LAYOUT.entries), { throwIfNoEntry: false });
  if (!entries?.isDirectory()) return `${shown} is not a dataset directory: it has no entries/ folder.`;
  return undefined;
}

/** The names of a dataset's data files by folder, sorted, as listDatasetFiles lists them. */
export interface DatasetNames {
  entries: string[];
  /** Undefined when there is no notes folder. */
  notes?: string[];
}

/** A file of a dataset, and its place in the list. */
export interface ListedFile {
  kind: FileKind;
  /** Relative to the dataset's root. */
  file: string;
  index: number;
}

/**
 * Lists the files of a dataset: entries/*.yaml, topics.yaml and notes/*.yaml, in a stable order. topics.yaml
 * is listed even when it does not exist, so that reading it reports its absence. Names ending in .yml are
 * listed too, to be reported.
 */
export function listDatasetFiles(dir: string): ListedFile[] {
  const { entries, notes = [] } = listDatasetNames(dir);
  return filesOf(
    entries.map((name) => `${LAYOUT.entries}/${name}`),
    notes.map((name) => `${LAYOUT.notes}/${name}`),
  );
}

/** The names listDatasetFiles lists, by folder (the read-ahead worker sends them on as they are). */
export function listDatasetNames(dir: string): DatasetNames {
  const problem = datasetDirProblem(dir);
  if (problem) throw new UsageError(problem);
  const entries = yamlIn(dir, LAYOUT.entries);
  const notes = statSync(join(dir, LAYOUT.notes), { throwIfNoEntry: false })?.isDirectory()
    ? yamlIn(dir, LAYOUT.notes)
    : undefined;
  return notes ? { entries, notes } : { entries };
}

/** The list of files in listDatasetFiles' order, from the entries' and notes' paths relative to the root. */
export function filesOf(entries: readonly string[], notes: readonly string[]): ListedFile[] {
  const files: ListedFile[] = [];
  for (const file of entries) files.push({ kind: 'entry', file, index: files.length });
  files.push({ kind: 'topics', file: LAYOUT.topics, index: files.length });
  for (const file of notes) files.push({ kind: 'notes', file, index: files.length });
  return files;
}

function yamlIn(dir: string, sub: string): string[] {
  // A folder that is a symbolic link out of the dataset would make every file in it an outside file.
  if (!isInside(realpathSync(join(dir, sub)), realpathSync(dir)))
    throw new UsageError(`${join(dir, sub)} is a symbolic link out of the dataset; it is not read.`);
  return readdirSync(join(dir, sub))
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
}

/** The largest file of this kind that is read. */
export function sizeLimit(kind: FileKind): number {
  return kind === 'topics' ? MAX_TOPICS_FILE_BYTES : MAX_FILE_BYTES;
}
