import type { Document } from 'yaml';
import type { FileKind } from '../checking/schema-order.js';
import type { JsonPath } from '../diagnostics/locate.js';
import type { Entry, Note, TopicsFile } from '../types.generated.js';
import type { SourceFile } from '../yaml/source.js';
import type { DatasetIndex } from './dataset-index.js';

/** A parsed entry file. `entry` is typed for convenience but is only schema-valid when `valid` is true. */
export interface EntryFile {
  source: SourceFile;
  entry: Entry;
  valid: boolean;
}

/** The parsed files of a dataset, as commands use them (the data build, add, diff). */
export interface Dataset {
  entries: readonly EntryFile[];
  topics?: { source: SourceFile; data: TopicsFile; valid: boolean };
  notes: readonly { source: SourceFile; data: Note; valid: boolean }[];
}

/** Where a finding points: a value (or its key) inside a file, or a known line and column. */
export type Location =
  | { source: SourceFile; path: JsonPath; target?: 'key' | 'value' }
  | { source: SourceFile; line: number; column: number };

export interface Report {
  at: Location;
  message: string;
  hint: string;
  /** Present when the rule can repair the finding: an edit of the file's YAML document. */
  fix?: (doc: Document) => void;
}

export type ReportFn = (finding: Report) => void;

interface RuleInfo {
  /** Stable code, shown in every diagnostic and documented in the package README. */
  code: string;
  description: string;
  fixable: boolean;
}

/**
 * Checks one entry. It runs on every entry whose `fields` passed the schema (absent optional fields are
 * fine), so an entry with a mistake in one field is still checked for everything else.
 */
export interface EntryRule extends RuleInfo {
  scope: 'entry';
  /** The top-level fields the rule reads; it must not read others. */
  fields: readonly (keyof Entry)[];
  check(file: { source: SourceFile; entry: Entry }, report: ReportFn): void;
}

/** Checks one file of any kind as text and data, whatever its schema findings (layout, key order). */
export interface FileRule extends RuleInfo {
  scope: 'file';
  check(file: { kind: FileKind; source: SourceFile; data: unknown }, report: ReportFn): void;
}

/**
 * Checks how files relate (IDs, DOIs, topics, reading orders), through the shared index of the dataset. A
 * reference to an entry that did not load is not judged: `skip` says it was not checked.
 */
export interface DatasetRule extends RuleInfo {
  scope: 'dataset';
  check(index: DatasetIndex, report: ReportFn, skip: SkipFn): void;
}

/** Says that a reference could not be checked because the entry it names has errors of its own (in `file`). */
export type SkipFn = (at: Location, id: string, file: string) => void;

export type Rule = EntryRule | FileRule | DatasetRule;
