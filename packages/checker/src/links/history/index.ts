import { renameSync, statSync } from 'node:fs';
import { writeFileAtomic } from '@virtbib/schema';
import { FAILING_CLASSES, SUCCESS_CLASSES } from '../results/codes.js';
import { printable } from '../results/printable.js';
import { type LinkResult, NO_REDIRECTS, type Source } from '../types.js';
import { type LockOptions, withLock } from './lock.js';
import {
  type FileIdentity,
  type Observation,
  RECENT_KEPT,
  readStateFile,
  sameFile,
  stateChunks,
  type UrlHistory,
} from './state-file.js';

export type { Observation, StateFile, UrlHistory } from './state-file.js';

/** URLs not seen for this long have left the inputs; their history goes. */
const FORGET_AFTER_MS = 30 * 24 * 3600 * 1000;

/**
 * What earlier runs saw, kept per URL in a state file. It turns one-off failures into `suspect` until
 * they repeat, and lets recent successes skip a request. Errors are never cached: only a success sets
 * `lastSuccess`, and any failure afterwards disables the cache for that URL until it succeeds again.
 *
 * Several runs may share one state file (shards on one machine, a manual run during the nightly one):
 * each run's observations are merged into the file as it is when the run saves, under a lock, so that
 * the failures of both accumulate instead of the last writer's results replacing the other's.
 */
export class History {
  /** The observations of this run, to apply to the file as it is when saved. */
  private readonly observed = new Map<string, Observation>();

  private constructor(
    private urls: Map<string, UrlHistory>,
    /** The file as it was read, to notice another run's write. */
    private readonly identity?: FileIdentity,
    /** The file read was unusable: it is moved to `<file>.corrupt` before a new one is written. */
    private readonly setAside?: FileIdentity | 'unknown',
  ) {}

  static empty(): History {
    return new History(new Map());
  }

  /**
   * Reads a state file. A missing file is an empty history; a corrupt or unreadable one is reported and
   * replaced by an empty history (it never stops the check), and is kept as `<file>.corrupt` when the
   * new one is saved.
   */
  static load(path: string): { history: History; problem?: string } {
    const read = readStateFile(path);
    if (read.kind === 'missing') return { history: History.empty() };
    if (read.kind === 'ok') return { history: new History(read.urls, read.identity) };
    // The reason may quote the file (a JSON syntax error does): it is printed on one line.
    const reason = printable(read.reason);
    return {
      history: new History(new Map(), undefined, read.identity ?? 'unknown'),
      problem: `${path} ${reason.startsWith('cannot') ? reason : `is corrupt (${reason})`}: starting a new history; the old file is kept as ${path}.corrupt`,
    };
  }

  get size(): number {
    return this.urls.size;
  }

  get(url: string): UrlHistory | undefined {
    return this.urls.get(url);
  }

  /** A result from the cache when the URL last succeeded less than `ttl` ms ago, else undefined. */
  cached(url: string, sources: Source[], now: number, ttl: number): LinkResult | undefined {
    const entry = this.urls.get(url);
    const last = entry?.recent[0];
    if (!entry?.lastSuccess || !last || ttl <= 0 || entry.consecutiveFailures > 0) return undefined;
    if (!SUCCESS_CLASSES.has(last.class) || now - Date.parse(entry.lastSuccess) >= ttl) return undefined;
    // Every field in the literal (absent ones undefined, which JSON leaves out): a million cached results
    // need no backing stores for fields added later.
    return {
      url,
      class: last.class,
      code: last.code,
      status: last.status,
      finalUrl: last.finalUrl,
      redirects: NO_REDIRECTS,
      attempts: 0,
      requests: 0,
      durationMs: 0,
      sources,
      suggestion: last.suggestion,
      cached: true,
      consecutiveFailures: 0,
    };
  }

  /**
   * Records a fresh result and returns it as it should be reported: a failure seen fewer than
   * `minFailures` runs in a row becomes `suspect`. Blocked links neither pass nor fail (nothing was
   * learned), and skipped or cached results leave the history alone.
   *
   * The result is updated in place (it is the engine's, made for this): a copy by `{ ...result, more }`
   * gets a hidden class of its own in V8 once the copying site has seen many objects, about 150 bytes
   * per result that a run of a million URLs would keep.
   */
  record(result: LinkResult, now: number, minFailures: number): LinkResult {
    if (result.cached || result.class === 'skipped') return result;
    const observation: Observation = {
      at: this.timeOf(now),
      class: result.class,
      code: result.code,
    };
    if (result.status !== undefined) observation.status = result.status;
    if (result.finalUrl) observation.finalUrl = result.finalUrl;
    if (result.suggestion?.reason === 'permanent-redirect') observation.suggestion = result.suggestion;
    const entry = apply(this.urls.get(result.url), observation);
    this.urls.set(result.url, entry);
    this.observed.set(result.url, observation);
    if (SUCCESS_CLASSES.has(result.class)) {
      result.consecutiveFailures = 0;
      return result;
    }
    if (!FAILING_CLASSES.has(result.class)) return result;
    result.consecutiveFailures = entry.consecutiveFailures;
    if (entry.consecutiveFailures < minFailures) {
      result.observed = result.class;
      result.class = 'suspect';
    }
    return result;
  }

  private lastTime = { ms: Number.NaN, text: '' };

  /** The ISO time of `now`, one string for all the results recorded in the same millisecond. */
  private timeOf(now: number): string {
    if (this.lastTime.ms !== now) this.lastTime = { ms: now, text: new Date(now).toISOString() };
    return this.lastTime.text;
  }

  /** Drops URLs not checked for 30 days: they are no longer in the inputs. */
  prune(now: number): void {
    pruneMap(this.urls, now);
  }

  /**
   * Writes this run's observations into the state file, atomically and streamed. Under the file's lock,
   * the file is read again if another run wrote it since it was loaded, and this run's observations are
   * applied to that. An unusable file that was read at load is first moved to `<file>.corrupt` (by
   * rename, which never writes through a link planted at that name). Returns warnings.
   */
  async save(path: string, now: number, lock: LockOptions = {}): Promise<string[]> {
    const warnings: string[] = [];
    await withLock(
      path,
      () => {
        let urls = this.urls;
        const current = fileIdentity(path);
        const unchanged = this.setAside === 'unknown' || sameFile(this.setAside, current);
        if (this.setAside !== undefined && current !== undefined && unchanged) {
          renameSync(path, `${path}.corrupt`);
        } else if (current !== undefined && !sameFile(current, this.identity)) {
          // Another run wrote the file since it was read: start from what it wrote.
          const read = readStateFile(path);
          if (read.kind === 'ok') {
            urls = read.urls;
            for (const [url, observation] of this.observed) urls.set(url, apply(urls.get(url), observation));
          } else if (read.kind === 'unusable') {
            renameSync(path, `${path}.corrupt`);
            warnings.push(
              `${path} was changed during the run and is unusable (${read.reason}); kept as ${path}.corrupt`,
            );
          }
        }
        pruneMap(urls, now);
        writeFileAtomic(path, stateChunks(urls));
      },
      lock,
    );
    return warnings;
  }
}

/** An entry with one more observation: the heart of the history, used when recording and when merging. */
function apply(previous: UrlHistory | undefined, observation: Observation): UrlHistory {
  const entry: UrlHistory = previous ?? {
    lastChecked: observation.at,
    lastSuccess: undefined,
    consecutiveFailures: 0,
    recent: [],
  };
  entry.lastChecked = observation.at;
  entry.recent = [observation, ...entry.recent].slice(0, RECENT_KEPT);
  if (SUCCESS_CLASSES.has(observation.class)) {
    entry.consecutiveFailures = 0;
    entry.lastSuccess = observation.at;
  } else if (FAILING_CLASSES.has(observation.class)) entry.consecutiveFailures++;
  return entry;
}

function pruneMap(urls: Map<string, UrlHistory>, now: number): void {
  for (const [url, entry] of urls)
    if (now - Date.parse(entry.lastChecked) > FORGET_AFTER_MS) urls.delete(url);
}

function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const stat = statSync(path);
    return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}
