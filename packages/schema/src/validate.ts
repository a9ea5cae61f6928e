import { availableParallelism } from 'node:os';
import { writeFileAtomic } from './atomic.js';
import { type LoadedFile, listDatasetFiles, loadFile, type Timings, toDataset } from './dataset.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import { ConcurrentModificationError } from './errors.js';
import { formatYaml } from './format.js';
import { rules } from './lint/index.js';
import type { Dataset, Report } from './lint/rule.js';
import { applyWaivers } from './lint/waivers.js';
import { locate } from './locate.js';
import type { FileKind } from './schema-order.js';
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
  dataset: Dataset;
  /** Files rewritten by --fix, relative to the dataset root. */
  fixed: string[];
  fileCount: number;
  timings: Timings;
}

/** Validates a dataset directory: reading and parsing, the schemas, then every lint rule. */
export async function validateDataset(dir: string, options: ValidateOptions = {}): Promise<ValidateResult> {
  const timings: Timings = { readParseMs: 0, schemaMs: 0, lintMs: 0 };
  const list = listDatasetFiles(dir);
  const threads = Math.max(1, Math.min(options.threads ?? 1, availableParallelism(), list.length));
  const loaded =
    threads > 1
      ? await loadFilesInWorkers(dir, list, threads, timings)
      : list.map(({ kind, file }) => loadFile(dir, kind, file, timings));
  const dataset = toDataset(loaded);

  const diagnostics: Diagnostic[] = [];
  const pending: {
    kind: FileKind | undefined;
    code: string;
    severity: Diagnostic['severity'];
    report: Report;
  }[] = [];
  for (const file of loaded) {
    diagnostics.push(...file.readDiagnostics);
    for (const finding of file.schemaFindings) {
      const source = file.source!;
      pending.push({
        kind: file.kind,
        code: finding.code,
        severity: 'error',
        report: {
          at: { source, path: finding.path, target: finding.target },
          message: finding.message,
          hint: finding.hint,
        },
      });
    }
  }
  const t0 = performance.now();
  for (const { rule, severity } of rules) {
    if (options.only && !options.only.includes(rule.code)) continue;
    rule.check(dataset, (report) => pending.push({ kind: undefined, code: rule.code, severity, report }));
  }
  timings.lintMs = performance.now() - t0;
  const severities = new Map(rules.map(({ rule, severity }) => [rule.code, severity]));
  const ran = (code: string) => !options.only || options.only.includes(code);
  diagnostics.push(...resolvePositions(applyWaivers(dataset, pending, severities, ran)));

  const fixed = options.fix ? applyFixes(loaded, pending) : [];
  const remaining = options.fix
    ? diagnostics.filter((d) => !(fixed.includes(d.file) && isFixed(d, pending)))
    : diagnostics;
  remaining.sort(compareDiagnostics);
  return { diagnostics: remaining, dataset, fixed, fileCount: list.length, timings };
}

/** Turns JSON paths into lines and columns, parsing each file that has findings once. */
function resolvePositions(
  pending: readonly { code: string; severity: Diagnostic['severity']; report: Report }[],
): Diagnostic[] {
  return pending.map(({ code, severity, report }) => {
    const at = report.at;
    const position = 'path' in at ? locate(textOf(at.source), at.path, at.target) : at;
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

function isFixed(d: Diagnostic, pending: readonly { code: string; report: Report }[]): boolean {
  return pending.some((p) => p.code === d.code && p.report.at.source.file === d.file && p.report.fix);
}

/** Applies every fix of a file in one rewrite, through the formatter, and writes it atomically. */
function applyFixes(
  loaded: readonly LoadedFile[],
  pending: readonly { code: string; report: Report }[],
): string[] {
  const byFile = new Map<SourceFile, Report[]>();
  for (const { report } of pending) {
    if (!report.fix) continue;
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
