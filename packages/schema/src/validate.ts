import { availableParallelism } from 'node:os';
import { writeFileAtomic } from './atomic.js';
import { type LoadedFile, listDatasetFiles, loadFile, type Timings, toDataset } from './dataset.js';
import { compareDiagnostics, type Diagnostic, type NotChecked } from './diagnostic.js';
import { ConcurrentModificationError } from './errors.js';
import { formatYaml } from './format.js';
import { buildIndex, type FileDigest } from './lint/dataset-index.js';
import { rules } from './lint/index.js';
import type { Dataset, Report } from './lint/rule.js';
import { checkDatasetRules, checkFileRules, digestOf, selectRules } from './lint/run.js';
import { applyWaivers, type EntryWaivers, type PendingFinding } from './lint/waivers.js';
import { createLocator, type Locator } from './locate.js';
import { type SourceFile, textOf } from './source.js';
import { loadFilesInWorkers } from './workers.js';

export interface ValidateOptions {
  /** Apply the fixes of fixable rules and write the files (atomically). */
  fix?: boolean;
  /** Only run these rule codes (schema and read checks always run). */
  only?: readonly string[];
  /**
   * Worker threads for reading, parsing and schema checks. Default 1: on the 2-vCPU machines this project
   * runs on, two threads measured slower than one (the benchmark prints both), because the per-file work
   * is small and moving parsed data between threads costs more than it saves.
   */
  threads?: number;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  /**
   * References the cross-file rules could not judge, because the entry they name has errors of its own (it
   * did not load, or the fields the rule needs failed the schema). Not findings: that entry's errors are.
   */
  notChecked: NotChecked[];
  dataset: Dataset;
  /** Files rewritten by --fix, relative to the dataset root. */
  fixed: string[];
  fileCount: number;
  timings: Timings;
}

/**
 * Validates a dataset directory. Each file is read, parsed and checked against its schema, then by the
 * per-file rules (one pass over the file's data) and reduced to a digest; the cross-file rules run once,
 * over one shared index of the digests; waivers are applied last, to every finding.
 */
export async function validateDataset(dir: string, options: ValidateOptions = {}): Promise<ValidateResult> {
  const timings: Timings = { readParseMs: 0, schemaMs: 0, lintMs: 0 };
  const list = listDatasetFiles(dir);
  const threads = Math.max(1, Math.min(options.threads ?? 1, availableParallelism(), list.length));
  const loaded =
    threads > 1
      ? await loadFilesInWorkers(dir, list, threads, timings)
      : list.map(({ kind, file }) => loadFile(dir, kind, file, timings));

  const ran = (code: string) => !options.only || options.only.includes(code);
  const selected = selectRules(ran);

  const t0 = performance.now();
  const diagnostics: Diagnostic[] = [];
  const fixable: PendingFinding[] = [];
  const digests: { source: SourceFile; digest: FileDigest; file: string }[] = [];
  const waivers: EntryWaivers[] = [];
  for (const loadedFile of loaded) {
    diagnostics.push(...loadedFile.readDiagnostics);
    const { kind, file, source } = loadedFile;
    if (!source || source.data === undefined) {
      digests.push({ source: source ?? unreadSource(dir, file), digest: { kind }, file });
      continue;
    }
    const scopes = loadedFile.schemaFindings.map((f) => f.scope);
    const pending: PendingFinding[] = loadedFile.schemaFindings.map((f) => ({
      code: f.code,
      severity: 'error',
      report: { at: { source, path: f.path, target: f.target }, message: f.message, hint: f.hint },
    }));
    pending.push(...checkFileRules(kind, source, source.data, scopes, selected));
    diagnostics.push(...resolvePositions(pending));
    if (options.fix) for (const p of pending) if (p.report.fix) fixable.push(p);
    const digest = digestOf(kind, source.data, scopes);
    digests.push({ source, digest, file });
    if (digest.kind === 'entry' && digest.entry?.waivers)
      waivers.push({ source, id: digest.entry.id, rules: digest.entry.waivers });
  }

  const crossFile = checkDatasetRules(buildIndex(digests), selected);
  diagnostics.push(...resolvePositions(crossFile.findings));
  const skipped = crossFile.skipped;
  const located = resolvePositions(
    skipped.map(
      ({ code, at }): PendingFinding => ({
        code,
        severity: 'warning',
        report: { at, message: '', hint: '' },
      }),
    ),
  );
  const notChecked: NotChecked[] = located.map(({ code, file, line, column }, i) => ({
    code,
    file,
    line,
    column,
    id: skipped[i]!.id,
    because: skipped[i]!.because,
  }));
  notChecked.sort(compareDiagnostics);
  timings.lintMs = performance.now() - t0;

  const severities = new Map(rules.map(({ rule, severity }) => [rule.code, severity]));
  const { kept, stale } = applyWaivers(diagnostics, waivers, severities, ran);
  kept.push(...resolvePositions(stale));

  const fixed = options.fix ? applyFixes(loaded, fixable) : [];
  const remaining = options.fix ? kept.filter((d) => !(fixed.includes(d.file) && isFixed(d, fixable))) : kept;
  remaining.sort(compareDiagnostics);
  return {
    diagnostics: remaining,
    notChecked,
    dataset: toDataset(loaded),
    fixed,
    fileCount: list.length,
    timings,
  };
}

/** A source for a file that could not be read, so that references to it can still name it. */
function unreadSource(dir: string, file: string): SourceFile {
  return { path: `${dir}/${file}`, file, data: undefined, hasBom: false, text: '' };
}

/** Turns JSON paths into lines and columns: each file with findings is parsed once, for all of them. */
function resolvePositions(pending: readonly PendingFinding[]): Diagnostic[] {
  const locators = new Map<SourceFile, Locator>();
  return pending.map(({ code, severity, report }) => {
    const at = report.at;
    let position: { line: number; column: number };
    if ('path' in at) {
      let locator = locators.get(at.source);
      if (!locator) {
        locator = createLocator(textOf(at.source));
        locators.set(at.source, locator);
      }
      position = locator(at.path, at.target);
    } else position = at;
    return {
      code,
      severity,
      file: at.source.file,
      line: position.line,
      column: position.column,
      message: report.message,
      hint: report.hint,
    };
  });
}

function isFixed(d: Diagnostic, fixable: readonly PendingFinding[]): boolean {
  return fixable.some((p) => p.code === d.code && p.report.at.source.file === d.file);
}

/** Applies every fix of a file in one rewrite, through the formatter, and writes it atomically. */
function applyFixes(loaded: readonly LoadedFile[], fixable: readonly PendingFinding[]): string[] {
  const byFile = new Map<SourceFile, Report[]>();
  for (const { report } of fixable) {
    const list = byFile.get(report.at.source) ?? [];
    list.push(report);
    byFile.set(report.at.source, list);
  }
  // A byte-order mark is also repaired by rewriting the file.
  for (const file of loaded)
    if (file.source?.hasBom && file.source.data !== undefined && !byFile.has(file.source))
      byFile.set(file.source, []);
  const kinds = new Map(loaded.map((f) => [f.source, f.kind]));
  const written: string[] = [];
  for (const [source, reports] of byFile) {
    const next = formatYaml(kinds.get(source) ?? 'entry', textOf(source), (doc) => {
      for (const r of reports) r.fix?.(doc);
    });
    const original = (source.hasBom ? '\uFEFF' : '') + textOf(source);
    if (next === original) continue;
    writeFileAtomic(source.path, next, original);
    written.push(source.file);
  }
  return written;
}

export { ConcurrentModificationError };
