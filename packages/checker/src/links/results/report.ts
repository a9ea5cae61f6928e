import { UsageError } from '@virtbib/schema';
import type { LinkResult } from '../types.js';
import { EXIT_FAILING_CLASSES, LINK_CLASSES, type LinkClass } from './codes.js';

export interface Summary extends Record<LinkClass, number> {
  total: number;
  /** Results that make the check exit 1 (broken, timeout, error, invalid). */
  failing: number;
  cached: number;
  /** Permanent redirects with a suggested replacement. */
  suggestions: number;
  /** Broken links for which an archived copy was found (a suggestion to add, not to replace). */
  archived: number;
  requests: number;
}

/** The published report: what `--format json` prints and what `merge-reports` reads. */
export interface LinkReport {
  format: 'virtbib-link-report';
  version: 1;
  generatedAt: string;
  durationMs: number;
  minFailures: number;
  /** The shards this report covers, e.g. ["1/3"]; empty for an unsharded run. */
  shards: string[];
  summary: Summary;
  results: LinkResult[];
}

const RANK = new Map(LINK_CLASSES.map((c, i) => [c, i]));

export function summarize(results: readonly LinkResult[]): Summary {
  const summary = {
    total: results.length,
    failing: 0,
    cached: 0,
    suggestions: 0,
    archived: 0,
    requests: 0,
    ...Object.fromEntries(LINK_CLASSES.map((c) => [c, 0])),
  } as Summary;
  for (const result of results) {
    summary[result.class]++;
    if (EXIT_FAILING_CLASSES.has(result.class)) summary.failing++;
    if (result.cached) summary.cached++;
    if (result.suggestion?.reason === 'permanent-redirect') summary.suggestions++;
    else if (result.suggestion?.reason === 'archived-copy') summary.archived++;
    summary.requests += result.requests;
  }
  return summary;
}

/** Worst first (broken, invalid, error...), then by URL, so that reports read and diff the same each run. */
export function sortResults(results: LinkResult[]): LinkResult[] {
  return results.sort(
    (a, b) => RANK.get(a.class)! - RANK.get(b.class)! || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
}

export function buildReport(
  results: LinkResult[],
  meta: { durationMs: number; minFailures: number; shards?: string[]; now?: Date },
): LinkReport {
  return {
    format: 'virtbib-link-report',
    version: 1,
    generatedAt: (meta.now ?? new Date()).toISOString(),
    durationMs: Math.round(meta.durationMs),
    minFailures: meta.minFailures,
    shards: meta.shards ?? [],
    summary: summarize(results),
    results: sortResults(results),
  };
}

/** 1 when any link fails (broken, timeout, error, invalid), else 0. */
export function exitCodeOf(report: LinkReport): 0 | 1 {
  return report.summary.failing > 0 ? 1 : 0;
}

/** Reads a JSON report, refusing anything else with a usage error that names the file. */
export function parseReport(text: string, name: string): LinkReport {
  let data: Partial<LinkReport> | undefined;
  try {
    data = JSON.parse(text) as Partial<LinkReport>;
  } catch (error) {
    throw new UsageError(`${name} is not JSON (${(error as Error).message}).`);
  }
  if (data?.format !== 'virtbib-link-report' || data.version !== 1 || !Array.isArray(data.results))
    throw new UsageError(
      `${name} is not a link report: expected the output of \`virtbib check --format json\` (format virtbib-link-report, version 1).`,
    );
  for (const [i, r] of data.results.entries())
    if (typeof r?.url !== 'string' || !RANK.has(r.class) || typeof r.code !== 'string')
      throw new UsageError(`${name}: result ${i} is malformed (needs url, class and code).`);
  return data as LinkReport;
}

/**
 * Merges the reports of shards into one. A URL found in two reports (inputs that overlap) keeps the
 * worse result, with the sources of both.
 */
export function mergeReports(reports: readonly LinkReport[]): LinkReport {
  const byUrl = new Map<string, LinkResult>();
  for (const report of reports)
    for (const result of report.results) {
      const seen = byUrl.get(result.url);
      // Object.assign rather than `{ ...result, sources }`, which gives each copy a hidden class of its own
      // in V8 once the site has copied many objects (see History.record).
      if (!seen) {
        byUrl.set(result.url, Object.assign({}, result, { sources: [...result.sources] }));
        continue;
      }
      const worse = RANK.get(result.class)! < RANK.get(seen.class)! ? result : seen;
      const sources = [...seen.sources];
      for (const s of result.sources)
        if (!sources.some((t) => t.file === s.file && t.line === s.line)) sources.push(s);
      byUrl.set(result.url, Object.assign({}, worse, { sources }));
    }
  return buildReport([...byUrl.values()], {
    durationMs: Math.max(0, ...reports.map((r) => r.durationMs)),
    minFailures: Math.max(1, ...reports.map((r) => r.minFailures)),
    shards: reports.flatMap((r) => r.shards).sort(),
  });
}
