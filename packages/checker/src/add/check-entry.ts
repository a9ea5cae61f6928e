import { join } from 'node:path';
import {
  checkSchema,
  type Diagnostic,
  type Entry,
  findLayoutProblem,
  type LintDataset,
  lintDataset,
  locate,
  MAX_FILE_BYTES,
  type Report,
  type Severity,
  type SourceFile,
  textOf,
  toCanonicalYaml,
} from '@virtbib/schema';

/** A diagnostic as `validate` would give it once the entry is written, with the field it is about. */
export interface EntryProblem extends Diagnostic {
  /**
   * The top-level field of the new entry the problem is about (`annotation`, `topics`...), or '' for the
   * whole file or a problem reported on another file (a duplicate, a topic's reading order).
   */
  field: string;
}

export interface CheckedEntry {
  /** The text `add` would write: the canonical YAML of the entry. */
  text: string;
  problems: EntryProblem[];
}

/**
 * Validates an entry before it is written, as `virtbib validate` would once it is in the dataset: the size
 * limit of the loader, the schema, and every lint rule run on the dataset with the entry added. Only what
 * the entry brings is returned: findings that the dataset already had without it are left out.
 *
 * The text checked is the canonical YAML that will be written; `fmt` and the loader agree on it, so the
 * parsed form is the entry's plain data.
 */
export function checkEntry(dataset: LintDataset, dir: string, entry: Entry): CheckedEntry {
  const text = toCanonicalYaml('entry', entry);
  const file = `entries/${entry.id}.yaml`;
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES)
    return {
      text,
      problems: [
        {
          field: '',
          severity: 'error',
          code: 'file-too-large',
          file,
          line: 0,
          column: 0,
          message: `The entry would be ${bytes} bytes; the limit is ${MAX_FILE_BYTES} bytes.`,
          hint: 'The metadata is far larger than any real entry: check the record, or write the entry by hand.',
        },
      ],
    };
  const data = JSON.parse(JSON.stringify(entry)) as Entry;
  const layout = findLayoutProblem(text);
  const source: SourceFile = {
    path: join(dir, file),
    file,
    text,
    data,
    hasBom: false,
    ...(layout && { layout }),
  };
  const problems: EntryProblem[] = checkSchema('entry', data).map((finding) => ({
    field: String(finding.path[0] ?? ''),
    severity: 'error',
    code: finding.code,
    file,
    ...locate(text, finding.path, finding.target),
    message: finding.message,
    hint: finding.hint,
  }));

  const before = new Set(lint(dataset).map(key));
  const withEntry: LintDataset = {
    ...dataset,
    entries: [...dataset.entries, { source, entry: data, valid: problems.length === 0 }],
  };
  for (const found of lint(withEntry)) {
    if (before.has(key(found))) continue;
    const { at } = found.report;
    const position = 'path' in at ? locate(textOf(at.source), at.path, at.target) : at;
    problems.push({
      field: at.source === source && 'path' in at ? String(at.path[0] ?? '') : '',
      severity: found.severity,
      code: found.code,
      file: at.source.file,
      line: position.line,
      column: position.column,
      message: found.report.message,
      hint: found.report.hint,
    });
  }
  return { text, problems };
}

interface Found {
  code: string;
  severity: Severity;
  report: Report;
}

function lint(dataset: LintDataset): Found[] {
  return lintDataset(dataset).findings;
}

const key = ({ code, report }: Found) => `${code}\0${report.at.source.file}\0${report.message}`;
