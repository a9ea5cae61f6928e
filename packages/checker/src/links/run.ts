import type { Entry } from '@virtbib/schema';
import { askWayback, isDoiResolverUrl } from '../archive/wayback.js';
import { checkDois, isDoiInput } from '../doi/check-dois.js';
import type { RegistryClient } from '../doi/client.js';
import { LinkChecker } from './engine.js';
import { groupInputs } from './group.js';
import { History } from './history/index.js';
import type { LockOptions } from './history/lock.js';
import { InterruptedError, RunAbortedError } from './http/errors.js';
import { isInternalCode } from './results/codes.js';
import { count } from './results/messages.js';
import { type NetworkEvidence, offlineVerdict } from './results/offline.js';
import { buildReport, type LinkReport } from './results/report.js';
import { type CheckOptions, DEFAULTS } from './setup/options.js';
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
  /**
   * When the run began (Date.now() ms), if before this call: time spent reading the inputs counts against
   * `budget` too.
   */
  startedAt?: number;
  /** Verifies the dataset's `doi:` inputs at the registry; without it they are left out. `entries` maps
   * each entry file (as sources name it) to its entry. */
  doi?: { client: RegistryClient; entries: ReadonlyMap<string, Entry> };
  /** Looks up an archived copy of every broken link in the Wayback Machine's availability API. */
  wayback?: { client: RegistryClient; base: string };
  /**
   * Results of internal links, already checked on disk (see internal.ts): reported with the rest, but
   * kept out of the history (they are true or false now) and never looked up in an archive.
   */
  internal?: readonly LinkResult[];
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
  /**
   * Set when every host name failed to resolve: the network of this machine is down, not the links.
   * Nothing was recorded (the state file is as it was) and no archive was asked.
   */
  offline?: string;
  /** Set when the run was interrupted (`signal` aborted with an InterruptedError). */
  interrupted?: boolean;
}

/**
 * A check with memory: the engine, plus the history that holds back one-off failures (suspect until they
 * repeat), the cache that skips recent successes, and the report. `onResult` sees each result as it is
 * final, in completion order.
 *
 * The run's budget bounds all of it, the registry and the Wayback API included: when it runs out, or
 * `signal` aborts, what is under way stops and what is left is reported as skipped; the history and the
 * report still hold everything learned until then.
 */
export async function runCheck(
  inputs: Iterable<LinkInput>,
  options: RunOptions = {},
  onResult?: (result: LinkResult) => void,
): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const startedAt = options.startedAt ?? Date.now();
  const started = performance.now() - (Date.now() - startedAt);
  const minFailures = options.minFailures ?? RUN_DEFAULTS.minFailures;
  const cacheTtl = options.statePath ? (options.cacheTtl ?? RUN_DEFAULTS.cacheTtl) : 0;
  const warnings: string[] = [];

  // One stop for everything: the budget's timer or the caller's signal (Ctrl+C).
  const stop = new AbortController();
  const budget = options.budget ?? DEFAULTS.budget;
  const budgetTimer = setTimeout(
    () => stop.abort(new RunAbortedError(`the run took longer than its budget of ${budget} ms`)),
    Math.max(0, Math.min(budget - (Date.now() - startedAt), 2 ** 31 - 1)),
  );
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  try {
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
    for (const result of options.internal ?? []) emit(result);
    // What is left in the map after this loop is what the engine checks: no second copy of the inputs.
    const links = groupInputs(inputs);
    const dois: { url: string; sources: Source[] }[] = [];
    for (const [url, sources] of links) {
      // Only the DOIs of entries go to the registry; a doi: link in a document is a link like any other.
      const datasetDoi = isDoiInput({ url }) && sources.some(isDoiField);
      const cached = datasetDoi && !options.doi ? undefined : history.cached(url, sources, now(), cacheTtl);
      if (cached) emit(cached);
      else if (datasetDoi && options.doi) dois.push({ url, sources });
      if (cached || datasetDoi) links.delete(url);
    }
    const record = (result: LinkResult) => emit(history.record(result, now(), minFailures));
    const network = { answered: false, unresolved: new Set<string>() };
    await Promise.all([
      new LinkChecker({ ...options, budget: Number.POSITIVE_INFINITY, signal: stop.signal }).runGrouped(
        links,
        (result) => {
          noteNetwork(network, result);
          record(result);
        },
      ),
      options.doi && dois.length > 0
        ? checkDois(options.doi.client, dois, options.doi.entries, record, stop.signal)
        : undefined,
    ]);

    const evidence: NetworkEvidence[] = [network];
    if (options.doi) evidence.push(options.doi.client.network);
    const offline = offlineVerdict(evidence);
    if (!offline && options.wayback && !stop.signal.aborted)
      await suggestArchivedCopies(results, options.wayback, warnings, stop.signal);

    // Offline, this run learned nothing about the links: the history stays as it was.
    if (options.statePath && !offline) {
      try {
        warnings.push(...(await history.save(options.statePath, now(), options.lock)));
      } catch (error) {
        warnings.push(`could not write the state file ${options.statePath}: ${(error as Error).message}`);
      }
    }
    const interrupted = stop.signal.reason instanceof InterruptedError;
    const unfinished = results.filter((r) => r.code === 'run-budget-exceeded').length;
    if (unfinished > 0)
      warnings.push(
        `${count(unfinished, 'URL was', 'URLs were')} not checked: the run ran out of its budget of ${budget} ms first`,
      );
    const report = buildReport(results, {
      durationMs: performance.now() - started,
      minFailures,
      shards: options.shards ?? [],
    });
    return { report, warnings, ...(offline && { offline }), ...(interrupted && { interrupted }) };
  } finally {
    clearTimeout(budgetTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function isDoiField(source: Source): boolean {
  return source.field === 'doi' || source.field?.startsWith('alternateDois') === true;
}

/** What an engine result says about the network: a name that failed to resolve, or a server reached. */
function noteNetwork(network: { answered: boolean; unresolved: Set<string> }, result: LinkResult): void {
  if (result.code === 'dns-not-found' || result.code === 'dns-failure') {
    try {
      network.unresolved.add(new URL(result.url).hostname);
    } catch {}
  } else if (result.status !== undefined || REACHED.has(result.code)) network.answered = true;
}

/** Codes that prove a name resolved and a server (or the address guard) was reached. */
const REACHED = new Set([
  'connection-refused',
  'connection-reset',
  'tls-error',
  'protocol-error',
  'headers-timeout',
  'body-timeout',
  'private-address',
]);

/** Lookups in flight; the client's rate gate keeps the API host at its own lower limit. */
const WAYBACK_PARALLEL = 4;
/** Consecutive failures to reach the API after which a run stops asking it. */
const WAYBACK_GIVE_UP = 3;

/**
 * Broken links get the Wayback Machine's closest snapshot as a suggestion (never DOIs, nor doi.org
 * addresses, which the registry check covers, nor internal links, which are files of the site itself). When the API itself cannot be reached several times in a
 * row, the run stops asking and says so, instead of spending its budget on a service that is down.
 */
async function suggestArchivedCopies(
  results: LinkResult[],
  wayback: { client: RegistryClient; base: string },
  warnings: string[],
  signal: AbortSignal,
): Promise<void> {
  const broken = results.filter(
    (r) =>
      r.class === 'broken' &&
      !r.cached &&
      !isInternalCode(r.code) &&
      !isDoiInput(r) &&
      !isDoiResolverUrl(r.url) &&
      !r.suggestion,
  );
  let next = 0;
  let failuresInARow = 0;
  let lastError = '';
  const work = async () => {
    while (next < broken.length && failuresInARow < WAYBACK_GIVE_UP && !signal.aborted) {
      const result = broken[next++]!;
      const answer = await askWayback(wayback.client, wayback.base, result.url, signal);
      if ('error' in answer) {
        if (answer.stopped) return;
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
