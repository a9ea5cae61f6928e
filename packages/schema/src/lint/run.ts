import { checkSchema } from '../checking/schema-check.js';
import type { FileKind } from '../checking/schema-order.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { JsonPath } from '../diagnostics/locate.js';
import type { Entry } from '../types.generated.js';
import type { SourceFile } from '../yaml/source.js';
import {
  buildIndex,
  type DatasetIndex,
  digestEntry,
  digestNote,
  digestTopics,
  type FileDigest,
} from './dataset-index.js';
import { rules } from './index.js';
import type { Dataset, DatasetRule, EntryRule, FileRule, Location, Report, ReportFn } from './rule.js';
import type { PendingFinding } from './waivers.js';

/** A reference a cross-file rule did not judge, before its position is found. */
export interface SkippedReference {
  code: string;
  at: Location;
  id: string;
  because: string;
}

/** The rules to run, by scope, each with its report function: all of them, or those `ran` selects. */
export function selectRules(ran: (code: string) => boolean = () => true) {
  // The findings of the file being checked go here; the report functions are made once, not per file.
  const sink: { pending: PendingFinding[] } = { pending: [] };
  const active = rules
    .filter(({ rule }) => ran(rule.code))
    .map(({ rule, severity }) => ({
      rule,
      severity,
      report: (report: Report) => {
        sink.pending.push({ code: rule.code, severity, report });
      },
    }));
  const byScope = <R>(scope: string) =>
    active.filter(({ rule }) => rule.scope === scope) as unknown as {
      rule: R;
      severity: Severity;
      report: ReportFn;
    }[];
  return {
    sink,
    file: byScope<FileRule>('file'),
    entry: byScope<EntryRule>('entry'),
    dataset: byScope<DatasetRule>('dataset'),
  };
}

export type SelectedRules = ReturnType<typeof selectRules>;

/**
 * The findings of the per-file rules on one parsed file: the file rules always, the entry rules for an
 * entry that is a mapping, each only if the fields it reads are clear of the schema findings' `scopes`.
 */
export function checkFileRules(
  kind: FileKind,
  source: SourceFile,
  data: unknown,
  scopes: readonly JsonPath[],
  selected: SelectedRules,
): PendingFinding[] {
  const pending: PendingFinding[] = [];
  selected.sink.pending = pending;
  const file = { kind, source, data };
  for (const { rule, report } of selected.file) rule.check(file, report);
  // An entry that is not a mapping at all has nothing the entry rules could read.
  if (kind === 'entry' && isMapping(data) && scopes.every((s) => s.length > 0)) {
    const broken = scopes.length === 0 ? undefined : new Set(scopes.map((s) => String(s[0])));
    const entry = { source, entry: data as unknown as Entry };
    for (const { rule, report } of selected.entry) {
      if (broken && rule.fields.some((field) => broken.has(field))) continue;
      rule.check(entry, report);
    }
  }
  return pending;
}

/** What the cross-file rules need of one file. */
export function digestOf(kind: FileKind, data: unknown, scopes: readonly JsonPath[]): FileDigest {
  if (kind === 'entry') return { kind, entry: digestEntry(data, scopes) };
  if (kind === 'topics') return { kind, topics: digestTopics(data, scopes) };
  return { kind, note: digestNote(data, scopes) };
}

/** Runs the cross-file rules once over the shared index. */
export function checkDatasetRules(
  index: DatasetIndex,
  selected: SelectedRules,
): { findings: PendingFinding[]; skipped: SkippedReference[] } {
  const findings: PendingFinding[] = [];
  const skipped: SkippedReference[] = [];
  for (const { rule, severity } of selected.dataset)
    rule.check(
      index,
      (report) => findings.push({ code: rule.code, severity, report }),
      (at, id, because) => skipped.push({ code: rule.code, at, id, because }),
    );
  return { findings, skipped };
}

/**
 * Every lint finding on a dataset already in memory (schema findings aside: `checkSchema` gives those),
 * with positions left to the caller. `virtbib add` uses it to check an entry before writing it.
 */
export function lintDataset(
  dataset: Dataset,
  ran?: (code: string) => boolean,
): { findings: PendingFinding[]; skipped: SkippedReference[] } {
  const selected = selectRules(ran);
  const files: { kind: FileKind; source: SourceFile; data: unknown }[] = [
    ...dataset.entries.map(({ source, entry }) => ({
      kind: 'entry' as const,
      source,
      data: entry as unknown,
    })),
    ...(dataset.topics
      ? [{ kind: 'topics' as const, source: dataset.topics.source, data: dataset.topics.data }]
      : []),
    ...dataset.notes.map(({ source, data }) => ({ kind: 'notes' as const, source, data: data as unknown })),
  ];
  const findings: PendingFinding[] = [];
  const digests: { source: SourceFile; digest: FileDigest; file: string }[] = [];
  for (const { kind, source, data } of files) {
    const scopes = checkSchema(kind, data).map((f) => f.scope);
    findings.push(...checkFileRules(kind, source, data, scopes, selected));
    digests.push({ source, digest: digestOf(kind, data, scopes), file: source.file });
  }
  const crossFile = checkDatasetRules(
    buildIndex(digests, (i) => digests[i]!.source),
    selected,
  );
  return { findings: [...findings, ...crossFile.findings], skipped: crossFile.skipped };
}

function isMapping(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
