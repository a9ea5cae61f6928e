import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { JsonPath } from '../diagnostics/locate.js';
import { resolvePositions } from '../diagnostics/positions.js';
import { type LoadedFile, loadFile, type Timings } from '../files/dataset.js';
import type { FileRead } from '../files/read-file.js';
import type { FileDigest } from '../lint/dataset-index.js';
import { checkFileRules, digestOf, type SelectedRules } from '../lint/run.js';
import type { PendingFinding } from '../lint/waivers.js';
import type { SourceFile } from '../yaml/source.js';
import type { FileKind } from './schema-order.js';

/**
 * Everything validation learns from one file on its own: its diagnostics (reading, schema and per-file
 * rules, with positions) and the digest the cross-file rules need. Plain data, so it crosses threads and
 * is what the validation cache keeps per file.
 */
export interface FileResult {
  kind: FileKind;
  /** Path relative to the dataset root. */
  file: string;
  /** For a symbolic link inside the dataset, the file it points at (else the file is `<dir>/<file>`). */
  path?: string;
  diagnostics: Diagnostic[];
  digest: FileDigest;
  /** SHA-256 of the bytes, when asked for. */
  hash?: string;
  /** The parsed data, when asked to keep it, with what the commands' view of the dataset needs. */
  kept?: { data: unknown; hasBom: boolean; valid: boolean };
}

export interface FileCheckOptions {
  selected: SelectedRules;
  /** Keep each file's parsed data in the result (the data build needs it; the CLI does not). */
  keepData?: boolean;
  hash?: boolean;
  /** See ReadOptions.unchanged: a file the caller recognises by its hash is not parsed. */
  unchanged?: (hash: string) => boolean;
  /** The file as already read (read-ahead.ts); otherwise it is read here. */
  read?: FileRead;
  /** Return the source (with its data, if there are fixes): for --fix and for keeping the data. */
  keepSource?: boolean;
  timings?: Timings;
}

// Most files have no findings and no fixes: they share these instead of holding two empty arrays each.
const NO_DIAGNOSTICS: Diagnostic[] = [];
const NO_FIXES: PendingFinding[] = [];
const NO_SCOPES: JsonPath[] = [];

/** The result of checking one file, with what only the calling thread can use: fixes and the source. */
export interface CheckedFile extends FileResult {
  /** Findings that carry a fix (validate --fix). */
  fixable: PendingFinding[];
  source?: SourceFile;
  unchanged?: true;
}

/** Reads, parses and checks one file: the schema and every per-file rule. Runs on any thread. */
export function checkFile(dir: string, kind: FileKind, file: string, options: FileCheckOptions): CheckedFile {
  const loaded: LoadedFile = loadFile(dir, kind, file, options.timings, {
    hash: options.hash,
    unchanged: options.unchanged,
    read: options.read,
  });
  const real = loaded.source?.path;
  const link = real !== undefined && real !== `${dir}/${file}` ? { path: real } : undefined;
  if (loaded.unchanged)
    return { kind, file, diagnostics: NO_DIAGNOSTICS, digest: { kind }, fixable: NO_FIXES, unchanged: true };
  const { source, readDiagnostics, schemaFindings } = loaded;
  const hash = loaded.hash;
  if (!source || source.data === undefined)
    return {
      kind,
      file,
      ...link,
      diagnostics: readDiagnostics,
      digest: { kind },
      fixable: NO_FIXES,
      ...(hash !== undefined && { hash }),
      ...(options.keepSource && source && { source }),
    };

  const t0 = performance.now();
  const scopes = schemaFindings.length === 0 ? NO_SCOPES : schemaFindings.map((f) => f.scope);
  const pending: PendingFinding[] = schemaFindings.map((f) => ({
    code: f.code,
    severity: 'error',
    report: { at: { source, path: f.path, target: f.target }, message: f.message, hint: f.hint },
  }));
  for (const finding of checkFileRules(kind, source, source.data, scopes, options.selected))
    pending.push(finding);
  const diagnostics =
    pending.length > 0
      ? [...readDiagnostics, ...resolvePositions(pending)]
      : readDiagnostics.length > 0
        ? readDiagnostics
        : NO_DIAGNOSTICS;
  const digest = digestOf(kind, source.data, scopes);
  if (options.timings) options.timings.lintMs += performance.now() - t0;
  // The text is read again if a cross-file finding or a fix needs it; 100k of them would not fit.
  source.text = undefined;
  const fixable = pending.length > 0 ? pending.filter((p) => p.report.fix) : NO_FIXES;
  const result: CheckedFile = { kind, file, ...link, diagnostics, digest, fixable };
  if (options.keepSource) result.source = source;
  if (hash !== undefined) result.hash = hash;
  if (options.keepData)
    result.kept = { data: source.data, hasBom: source.hasBom, valid: schemaFindings.length === 0 };
  else if (fixable.length === 0 && !source.hasBom) source.data = undefined;
  return result;
}
