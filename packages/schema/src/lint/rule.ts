import type { Document } from 'yaml';
import type { JsonPath } from '../locate.js';
import type { SourceFile } from '../source.js';
import type { Entry, Note, TopicsFile } from '../types.generated.js';

/** A parsed entry file. `entry` is typed for convenience but is only schema-valid when `valid` is true. */
export interface EntryFile {
  source: SourceFile;
  entry: Entry;
  valid: boolean;
}

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

export interface Rule {
  /** Stable code, shown in every diagnostic and documented in the package README. */
  code: string;
  description: string;
  fixable: boolean;
  /** Checks the dataset and reports findings; rules never throw on malformed data, they skip it. */
  check(dataset: Dataset, report: (finding: Report) => void): void;
}

/** Entries whose data passed the schema: rules that need well-typed fields iterate these. */
export function validEntries(dataset: Dataset): readonly EntryFile[] {
  // Every rule asks; on 100k entries filtering once instead of once per rule is measurable.
  let valid = validCache.get(dataset);
  if (!valid) {
    valid = dataset.entries.filter((e) => e.valid);
    validCache.set(dataset, valid);
  }
  return valid;
}

const validCache = new WeakMap<Dataset, readonly EntryFile[]>();
