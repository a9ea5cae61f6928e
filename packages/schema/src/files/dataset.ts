import { join } from 'node:path';
import { checkSchema, type SchemaFinding } from '../checking/schema-check.js';
import type { FileKind } from '../checking/schema-order.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dataset } from '../lint/rule.js';
import type { Entry, Note, TopicsFile } from '../types.generated.js';
import { type ReadOptions, readSource, type SourceFile } from '../yaml/source.js';
import { removeStaleTemporaries } from './atomic.js';
import { LAYOUT, listDatasetFiles, sizeLimit } from './dataset-files.js';

// Listing lives in a module of its own, light enough for the read-ahead worker to load.
export {
  datasetDirProblem,
  isDatasetDir,
  LAYOUT,
  type ListedFile,
  listDatasetFiles,
  sizeLimit,
} from './dataset-files.js';

export interface LoadedFile {
  kind: FileKind;
  /** Path relative to the dataset root. */
  file: string;
  source?: SourceFile;
  /** Problems found while reading (encoding, YAML syntax...), with their positions. */
  readDiagnostics: Diagnostic[];
  /** Schema findings, located later (only files that have some are parsed for positions). */
  schemaFindings: SchemaFinding[];
  /** See ReadResult. */
  hash?: string;
  unchanged?: true;
}

export interface Timings {
  readParseMs: number;
  schemaMs: number;
  lintMs: number;
}

/**
 * Removes what killed writes left in the dataset's folders (`<file>.<hex>.tmp`), before a command that writes
 * there, and returns those files relative to the dataset root.
 */
export function removeDatasetTemporaries(dir: string): string[] {
  return ['', `${LAYOUT.entries}/`, `${LAYOUT.notes}/`].flatMap((sub) =>
    removeStaleTemporaries(join(dir, sub)).map((name) => `${sub}${name}`),
  );
}

/** Reads, parses and schema-checks one file. Pure per-file work, so it can run on any thread. */
export function loadFile(
  dir: string,
  kind: FileKind,
  file: string,
  timings?: Timings,
  options?: ReadOptions,
): LoadedFile {
  const t0 = performance.now();
  const limit = sizeLimit(kind);
  const { source, diagnostics, hash, unchanged } = readSource(`${dir}/${file}`, file, limit, dir, options);
  if (unchanged) return { kind, file, readDiagnostics: [], schemaFindings: [], hash: hash!, unchanged };
  const t1 = performance.now();
  const schemaFindings = source && source.data !== undefined ? checkSchema(kind, source.data) : [];
  if (timings) {
    timings.readParseMs += t1 - t0;
    timings.schemaMs += performance.now() - t1;
  }
  if (file.endsWith('.yml')) {
    diagnostics.push({
      code: 'file-extension',
      severity: 'error',
      file,
      line: 0,
      column: 0,
      message: 'Data files end in .yaml.',
      hint: `Rename it to ${file.replace(/\.yml$/, '.yaml')}.`,
    });
  }
  if (kind === 'topics' && diagnostics[0]?.code === 'file-missing') {
    diagnostics[0] = {
      ...diagnostics[0],
      message: 'topics.yaml does not exist: every dataset defines its topics there.',
      hint: 'Create topics.yaml with the topics the entries use (see packages/data/README.md).',
    };
  }
  // Most files have nothing to report: their text is not needed again, so it is not kept.
  if (source && diagnostics.length === 0 && schemaFindings.length === 0 && !source.layout)
    source.text = undefined;
  const loaded: LoadedFile = { kind, file, source, readDiagnostics: diagnostics, schemaFindings };
  if (hash !== undefined) loaded.hash = hash;
  return loaded;
}

/** Builds the view of parsed files that commands use; files that could not be parsed are left out. */
export function toDataset(files: readonly LoadedFile[]): Dataset {
  const dataset: {
    entries: Dataset['entries'][number][];
    topics?: Dataset['topics'];
    notes: Dataset['notes'][number][];
  } = {
    entries: [],
    notes: [],
  };
  for (const { kind, source, schemaFindings } of files) {
    if (!source || source.data === undefined) continue;
    const valid = schemaFindings.length === 0;
    if (kind === 'entry') dataset.entries.push({ source, entry: source.data as Entry, valid });
    else if (kind === 'topics') dataset.topics = { source, data: source.data as TopicsFile, valid };
    else dataset.notes.push({ source, data: source.data as Note, valid });
  }
  return dataset;
}

/** Reads a whole dataset into the lint rules' view, without validating it (the commands that only need its data). */
export function loadDataset(dir: string): Dataset {
  return toDataset(listDatasetFiles(dir).map(({ kind, file }) => loadFile(dir, kind, file)));
}
