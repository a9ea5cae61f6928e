import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.js';
import { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES } from './file-limits.js';
import { isInside } from './read-file.js';
import type { FileKind } from './schema-order.js';

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

/**
 * Lists the files of a dataset: entries/*.yaml, topics.yaml and notes/*.yaml, in a stable order. topics.yaml
 * is listed even when it does not exist, so that reading it reports its absence. Names ending in .yml are
 * listed too, to be reported.
 */
export function listDatasetFiles(dir: string): { kind: FileKind; file: string }[] {
  const problem = datasetDirProblem(dir);
  if (problem) throw new UsageError(problem);
  const files: { kind: FileKind; file: string }[] = yamlIn(dir, LAYOUT.entries).map((file) => ({
    kind: 'entry',
    file,
  }));
  files.push({ kind: 'topics', file: LAYOUT.topics });
  if (statSync(join(dir, LAYOUT.notes), { throwIfNoEntry: false })?.isDirectory()) {
    for (const file of yamlIn(dir, LAYOUT.notes)) files.push({ kind: 'notes', file });
  }
  return files;
}

function yamlIn(dir: string, sub: string): string[] {
  // A folder that is a symbolic link out of the dataset would make every file in it an outside file.
  if (!isInside(realpathSync(join(dir, sub)), realpathSync(dir)))
    throw new UsageError(`${join(dir, sub)} is a symbolic link out of the dataset; it is not read.`);
  return readdirSync(join(dir, sub))
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => `${sub}/${name}`);
}

/** The largest file of this kind that is read. */
export function sizeLimit(kind: FileKind): number {
  return kind === 'topics' ? MAX_TOPICS_FILE_BYTES : MAX_FILE_BYTES;
}
