import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { UsageError } from './errors.js';
import type { Dataset } from './lint/rule.js';
import { checkSchema, type SchemaFinding } from './schema-check.js';
import type { FileKind } from './schema-order.js';
import { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES, readSource, type SourceFile } from './source.js';
import type { Entry, Note, TopicsFile } from './types.generated.js';

/** Where each kind of file lives inside a dataset directory (packages/data). */
export const LAYOUT = { entries: 'entries', topics: 'topics.yaml', notes: 'notes' } as const;

export interface LoadedFile {
  kind: FileKind;
  /** Path relative to the dataset root. */
  file: string;
  source?: SourceFile;
  /** Problems found while reading (encoding, YAML syntax...) and schema findings, unresolved. */
  readDiagnostics: Diagnostic[];
  schemaFindings: SchemaFinding[];
}

export interface Timings {
  readParseMs: number;
  schemaMs: number;
  lintMs: number;
}

export function isDatasetDir(dir: string): boolean {
  return existsSync(join(dir, LAYOUT.entries)) && statSync(join(dir, LAYOUT.entries)).isDirectory();
}

/** Lists the files of a dataset: entries/*.yaml, topics.yaml and notes/*.yaml, in a stable order. */
export function listDatasetFiles(dir: string): { kind: FileKind; file: string }[] {
  if (!isDatasetDir(dir)) {
    throw new UsageError(`${dir} is not a dataset directory: it has no entries/ folder.`);
  }
  const yamlIn = (sub: string) =>
    readdirSync(join(dir, sub))
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort()
      .map((name) => `${sub}/${name}`);
  const files: { kind: FileKind; file: string }[] = yamlIn(LAYOUT.entries).map((file) => ({
    kind: 'entry',
    file,
  }));
  if (existsSync(join(dir, LAYOUT.topics))) files.push({ kind: 'topics', file: LAYOUT.topics });
  if (existsSync(join(dir, LAYOUT.notes))) {
    for (const file of yamlIn(LAYOUT.notes)) files.push({ kind: 'notes', file });
  }
  return files;
}

/** Reads, parses and schema-checks one file. Pure per-file work, so it can run on any thread. */
export function loadFile(dir: string, kind: FileKind, file: string, timings?: Timings): LoadedFile {
  const t0 = performance.now();
  const limit = kind === 'topics' ? MAX_TOPICS_FILE_BYTES : MAX_FILE_BYTES;
  const { source, diagnostics } = readSource(join(dir, file), file, limit);
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
  // Most files have nothing to report: their text is not needed again, so it is not kept.
  if (source && diagnostics.length === 0 && schemaFindings.length === 0 && !source.layout)
    source.text = undefined;
  return { kind, file, source, readDiagnostics: diagnostics, schemaFindings };
}

/** Builds the view that lint rules see from loaded files; files that could not be parsed are left out. */
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
