import { copyFileSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@virtbib/schema';
import { CODES, FAILING_CLASSES, type LinkClass, type LinkCode, SUCCESS_CLASSES } from './codes.js';
import type { LinkResult, Source, Suggestion } from './types.js';

/** One run's observation of a URL, as kept in the state file. */
export interface Observation {
  at: string;
  class: LinkClass;
  code: LinkCode;
  status?: number;
  finalUrl?: string;
  suggestion?: Suggestion;
}

export interface UrlHistory {
  lastChecked: string;
  /** The last check that succeeded (ok or redirected): what the cache goes by. */
  lastSuccess?: string;
  consecutiveFailures: number;
  /** Newest first, at most RECENT_KEPT. */
  recent: Observation[];
}

export interface StateFile {
  format: 'virtbib-link-state';
  version: 1;
  urls: Record<string, UrlHistory>;
}

const RECENT_KEPT = 5;
/** URLs not seen for this long have left the inputs; their history goes. */
const FORGET_AFTER_MS = 30 * 24 * 3600 * 1000;

/**
 * What earlier runs saw, kept per URL in a state file. It turns one-off failures into `suspect` until
 * they repeat, and lets recent successes skip a request. Errors are never cached: only a success sets
 * `lastSuccess`, and any failure afterwards disables the cache for that URL until it succeeds again.
 */
export class History {
  private constructor(private readonly state: StateFile) {}

  static empty(): History {
    return new History({ format: 'virtbib-link-state', version: 1, urls: {} });
  }

  /**
   * Reads a state file. A missing file is an empty history; a corrupt one is reported, kept aside as
   * `<file>.corrupt` for inspection, and replaced by an empty history: it never stops the check.
   */
  static load(path: string): { history: History; problem?: string } {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { history: History.empty() };
      return { history: History.empty(), problem: `cannot read ${path} (${(error as Error).message})` };
    }
    const reason = stateProblem(text);
    if (reason === undefined) return { history: new History(JSON.parse(text) as StateFile) };
    let kept = '';
    try {
      copyFileSync(path, `${path}.corrupt`);
      kept = `; the old file is kept as ${path}.corrupt`;
    } catch {}
    return {
      history: History.empty(),
      problem: `${path} is corrupt (${reason}): starting a new history${kept}`,
    };
  }

  get size(): number {
    return Object.keys(this.state.urls).length;
  }

  get(url: string): UrlHistory | undefined {
    return this.state.urls[url];
  }

  /** A result from the cache when the URL last succeeded less than `ttl` ms ago, else undefined. */
  cached(url: string, sources: Source[], now: number, ttl: number): LinkResult | undefined {
    const entry = this.state.urls[url];
    const last = entry?.recent[0];
    if (!entry?.lastSuccess || !last || ttl <= 0 || entry.consecutiveFailures > 0) return undefined;
    if (!SUCCESS_CLASSES.has(last.class) || now - Date.parse(entry.lastSuccess) >= ttl) return undefined;
    const result: LinkResult = {
      url,
      class: last.class,
      code: last.code,
      redirects: [],
      attempts: 0,
      requests: 0,
      durationMs: 0,
      sources,
      cached: true,
      consecutiveFailures: 0,
    };
    if (last.status !== undefined) result.status = last.status;
    if (last.finalUrl) result.finalUrl = last.finalUrl;
    if (last.suggestion) result.suggestion = last.suggestion;
    return result;
  }

  /**
   * Records a fresh result and returns it as it should be reported: a failure seen fewer than
   * `minFailures` runs in a row becomes `suspect`. Blocked links neither pass nor fail (nothing was
   * learned), and skipped or cached results leave the history alone.
   */
  record(result: LinkResult, now: number, minFailures: number): LinkResult {
    if (result.cached || result.class === 'skipped') return result;
    const at = new Date(now).toISOString();
    const entry: UrlHistory = this.state.urls[result.url] ?? {
      lastChecked: at,
      consecutiveFailures: 0,
      recent: [],
    };
    entry.lastChecked = at;
    const observation: Observation = { at, class: result.class, code: result.code };
    if (result.status !== undefined) observation.status = result.status;
    if (result.finalUrl) observation.finalUrl = result.finalUrl;
    if (result.suggestion) observation.suggestion = result.suggestion;
    entry.recent = [observation, ...entry.recent].slice(0, RECENT_KEPT);
    this.state.urls[result.url] = entry;
    if (SUCCESS_CLASSES.has(result.class)) {
      entry.consecutiveFailures = 0;
      entry.lastSuccess = at;
      return { ...result, consecutiveFailures: 0 };
    }
    if (!FAILING_CLASSES.has(result.class)) return result;
    entry.consecutiveFailures++;
    const reported: LinkResult = { ...result, consecutiveFailures: entry.consecutiveFailures };
    if (entry.consecutiveFailures < minFailures) {
      reported.observed = result.class;
      reported.class = 'suspect';
    }
    return reported;
  }

  /** Drops URLs not checked for 30 days: they are no longer in the inputs. */
  prune(now: number): void {
    for (const [url, entry] of Object.entries(this.state.urls))
      if (now - Date.parse(entry.lastChecked) > FORGET_AFTER_MS) delete this.state.urls[url];
  }

  /** Writes the state atomically (readers see the old file or the new one, never half of one). */
  save(path: string): void {
    const urls = Object.fromEntries(
      Object.entries(this.state.urls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    writeFileAtomic(path, `${JSON.stringify({ ...this.state, urls }, null, 2)}\n`);
  }
}

/** Why a state file cannot be used, or undefined when it can. */
function stateProblem(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const state = data as Partial<StateFile> | null;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
  if (state.format !== 'virtbib-link-state' || state.version !== 1)
    return 'not a virtbib link state, version 1';
  if (typeof state.urls !== 'object' || state.urls === null || Array.isArray(state.urls))
    return 'no "urls" object';
  for (const [url, entry] of Object.entries(state.urls)) {
    const ok =
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.lastChecked === 'string' &&
      !Number.isNaN(Date.parse(entry.lastChecked)) &&
      (entry.lastSuccess === undefined ||
        (typeof entry.lastSuccess === 'string' && !Number.isNaN(Date.parse(entry.lastSuccess)))) &&
      Number.isInteger(entry.consecutiveFailures) &&
      entry.consecutiveFailures >= 0 &&
      Array.isArray(entry.recent) &&
      entry.recent.every(
        (o) =>
          typeof o === 'object' &&
          o !== null &&
          typeof o.at === 'string' &&
          o.code in CODES &&
          typeof o.class === 'string',
      );
    if (!ok) return `the entry for ${url} is malformed`;
  }
  return undefined;
}
