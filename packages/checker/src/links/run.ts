import type { Entry } from '@virtbib/schema';
import { askWayback } from '../archive/wayback.js';
import { checkDois, isDoiInput } from '../doi/check-dois.js';
import type { RegistryClient } from '../doi/client.js';
import { LinkChecker } from './engine.js';
import { groupInputs } from './group.js';
import { History } from './history/index.js';
import type { LockOptions } from './history/lock.js';
import type { CheckOptions } from './options.js';
import { buildReport, type LinkReport } from './report.js';
import type { LinkInput, LinkResult, Source } from './types.js';

export interface RunOptions extends CheckOptions {
  /** Failing runs in a row before a link is reported broken; fewer make it `suspect`. */
  minFailures?: number;
  /** Skip URLs that succeeded less than this many ms ago (needs a state file); 0 turns the cache off. */
  cacheTtl?: number;
  /** The state file keeping the history; without it, history lives for this run only. */
  statePath?: string;
  /** How long to wait for another run that is writing the state file. */
  lock?: LockOptions;
  /** Shards this run covers, recorded in the report. */
  shards?: string[];
  now?: () => number;
  /** Verifies `doi:` inputs at the registry; without it they are left out. */
  doi?: { client: RegistryClient; entries: ReadonlyMap<string, Entry> };
  /** Looks up an archived copy of every broken link in the Wayback Machine's availability API. */
  wayback?: { client: RegistryClient; base: string };
}

export const RUN_DEFAULTS = {
  minFailures: 1,
  // Long enough for a release check to reuse the nightly run, short enough that each nightly run
  // (about 24 h apart) checks every link again.
  cacheTtl: 12 * 3600 * 1000,
} as const;

export interface RunOutcome {
  report: LinkReport;
  /** Things the user should know that are not link results: a corrupt state file, an unfinished run. */
  warnings: string[];
}

/**
 * A check with memory: the engine, plus the history that holds back one-off failures (suspect until they
 * repeat), the cache that skips recent successes, and the report. `onResult` sees each result as it is
 * final, in completion order.
 */
export async function runCheck(
  inputs: Iterable<LinkInput>,
  options: RunOptions = {},
  onResult?: (result: LinkResult) => void,
): Promise<RunOutcome> {
  const started = performance.now();
  const now = options.now ?? Date.now;
  const minFailures = options.minFailures ?? RUN_DEFAULTS.minFailures;
  const cacheTtl = options.statePath ? (options.cacheTtl ?? RUN_DEFAULTS.cacheTtl) : 0;
  const warnings: string[] = [];
  let history = History.empty();
  if (options.statePath) {
    const loaded = History.load(options.statePath);
    history = loaded.history;
    if (loaded.problem) warnings.push(loaded.problem);
  } else if (minFailures > 1) {
    warnings.push(`--min-failures ${minFailures} needs a state file to remember failures between runs`);
  }

  const results: LinkResult[] = [];
  const emit = (result: LinkResult) => {
    results.push(result);
    onResult?.(result);
  };
  const toCheck: LinkInput[] = [];
  const dois: { url: string; sources: Source[] }[] = [];
  for (const [url, sources] of groupInputs(inputs)) {
    if (isDoiInput({ url }) && !options.doi) continue;
    const cached = history.cached(url, sources, now(), cacheTtl);
    if (cached) emit(cached);
    else if (isDoiInput({ url })) dois.push({ url, sources });
    else toCheck.push({ url, sources });
  }
  const record = (result: LinkResult) => emit(history.record(result, now(), minFailures));
  await Promise.all([
    new LinkChecker(options).run(toCheck, record),
    options.doi && dois.length > 0
      ? checkDois(options.doi.client, dois, options.doi.entries, record)
      : undefined,
  ]);
  if (options.wayback) await suggestArchivedCopies(results, options.wayback, warnings);

  if (options.statePath) {
    try {
      warnings.push(...(await history.save(options.statePath, now(), options.lock)));
    } catch (error) {
      warnings.push(`could not write the state file ${options.statePath}: ${(error as Error).message}`);
    }
  }
  const unfinished = results.filter((r) => r.code === 'run-budget-exceeded').length;
  if (unfinished > 0) warnings.push(`${unfinished} URL(s) were not checked: the run stopped before them`);
  const report = buildReport(results, {
    durationMs: performance.now() - started,
    minFailures,
    shards: options.shards ?? [],
  });
  return { report, warnings };
}

/** Lookups in flight; the client's rate gate keeps the API host at its own lower limit. */
const WAYBACK_PARALLEL = 4;
/** Consecutive failures to reach the API after which a run stops asking it. */
const WAYBACK_GIVE_UP = 3;

/**
 * Broken links get the Wayback Machine's closest snapshot as a suggestion (never DOIs). When the API
 * itself cannot be reached several times in a row, the run stops asking and says so, instead of spending
 * its budget on a service that is down.
 */
async function suggestArchivedCopies(
  results: LinkResult[],
  wayback: { client: RegistryClient; base: string },
  warnings: string[],
): Promise<void> {
  const broken = results.filter((r) => r.class === 'broken' && !isDoiInput(r) && !r.suggestion);
  let next = 0;
  let failuresInARow = 0;
  let lastError = '';
  const work = async () => {
    while (next < broken.length && failuresInARow < WAYBACK_GIVE_UP) {
      const result = broken[next++]!;
      const answer = await askWayback(wayback.client, wayback.base, result.url);
      if ('error' in answer) {
        failuresInARow++;
        lastError = answer.error;
        continue;
      }
      failuresInARow = 0;
      if (answer.snapshot) result.suggestion = { url: answer.snapshot.url, reason: 'archived-copy' };
    }
  };
  await Promise.all(Array.from({ length: Math.min(WAYBACK_PARALLEL, broken.length) }, work));
  if (failuresInARow >= WAYBACK_GIVE_UP) {
    warnings.push(`the Wayback API could not be reached (${lastError}); no archived copies were looked up`);
  }
}
