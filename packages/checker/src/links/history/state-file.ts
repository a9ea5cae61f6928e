import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { classOf, isLinkCode, type LinkClass, type LinkCode } from '../results/codes.js';
import type { Suggestion } from '../types.js';

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

/** The state file as JSON. */
export interface StateFile {
  format: 'virtbib-link-state';
  version: 1;
  urls: Record<string, UrlHistory>;
}

export const RECENT_KEPT = 5;

/**
 * The state file is one JSON document laid out one URL per line, between this first line and a closing
 * `}}`: it is written and read a line at a time, so neither side ever holds the whole text (a state of
 * two million URLs is longer than the longest string V8 can build). Older files, pretty-printed, are
 * still read, as one document.
 */
const HEADER = '{"format":"virtbib-link-state","version":1,"urls":{';
const FOOTER = '}}';
/** A file not in the line layout is parsed whole; past this size that would fail, so it is refused. */
const WHOLE_DOCUMENT_MAX_BYTES = 256 * 1024 * 1024;
const READ_BYTES = 1024 * 1024;

/** Identifies the file on disk, to tell whether another run replaced it since it was read. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export type ReadOutcome =
  | { kind: 'missing' }
  | { kind: 'ok'; urls: Map<string, UrlHistory>; identity: FileIdentity }
  /** The file exists but cannot be used: unreadable, or not a valid state. */
  | { kind: 'unusable'; reason: string; identity?: FileIdentity };

export function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs
  );
}

/**
 * Times read from a state file, one string per distinct value: a run records thousands of URLs in the
 * same millisecond, and JSON.parse makes a string per occurrence (three per URL), which at two million
 * URLs is hundreds of megabytes of copies. Bounded, so that a file of all-different times costs nothing.
 */
class Times {
  private readonly known = new Map<string, string>();

  get(text: string): string {
    const known = this.known.get(text);
    if (known !== undefined) return known;
    if (this.known.size >= 4096) this.known.clear();
    this.known.set(text, text);
    return text;
  }
}

/** Reads and validates a state file, a line at a time when it is in the line layout. */
export function readStateFile(path: string): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', reason: `cannot be read: ${err.message}` };
  }
  try {
    const stat = fstatSync(fd);
    const identity = { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
    if (!stat.isFile()) return { kind: 'unusable', reason: 'not a regular file', identity };
    const lines = readLines(fd);
    const first = lines.next();
    if (first.done === false && first.value === HEADER) {
      const urls = new Map<string, UrlHistory>();
      const problem = readLineLayout(lines, urls, new Times());
      if (problem === undefined) return { kind: 'ok', urls, identity };
      // Not in the line layout after all (a hand-edited file): it may still be valid JSON.
      if (stat.size > WHOLE_DOCUMENT_MAX_BYTES) return { kind: 'unusable', reason: problem, identity };
    }
    if (stat.size > WHOLE_DOCUMENT_MAX_BYTES)
      return { kind: 'unusable', reason: 'too large and not in the line layout', identity };
    return readWholeDocument(fd, identity);
  } catch (error) {
    return { kind: 'unusable', reason: `cannot be read: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

function readLineLayout(
  lines: Iterator<string>,
  urls: Map<string, UrlHistory>,
  times: Times,
): string | undefined {
  let lineNumber = 1;
  for (let next = lines.next(); next.done === false; next = lines.next()) {
    lineNumber++;
    const line = next.value;
    if (line === FOOTER) {
      for (let rest = lines.next(); rest.done === false; rest = lines.next())
        if (rest.value.trim() !== '') return `text after the end, line ${lineNumber + 1}`;
      return undefined;
    }
    const body = line.endsWith(',') ? line.slice(0, -1) : line;
    let record: unknown;
    try {
      record = JSON.parse(`{${body}}`);
    } catch {
      return `line ${lineNumber} is not "url": {...}`;
    }
    const keys = Object.keys(record as object);
    if (keys.length !== 1) return `line ${lineNumber} is not "url": {...}`;
    const url = keys[0]!;
    const entry = normalizeEntry((record as Record<string, unknown>)[url], times);
    if (!entry) return `the entry for ${url} is malformed`;
    urls.set(url, entry);
  }
  return 'it ends before its closing }}';
}

function readWholeDocument(fd: number, identity: FileIdentity): ReadOutcome {
  const buffer = Buffer.alloc(identity.size);
  let read = 0;
  while (read < buffer.length) {
    const n = readSync(fd, buffer, read, buffer.length - read, read);
    if (n === 0) break;
    read += n;
  }
  let data: unknown;
  try {
    data = JSON.parse(buffer.subarray(0, read).toString('utf8'));
  } catch (error) {
    return { kind: 'unusable', reason: `not JSON: ${(error as Error).message}`, identity };
  }
  const state = data as Partial<StateFile> | null;
  if (typeof state !== 'object' || state === null || Array.isArray(state))
    return { kind: 'unusable', reason: 'not an object', identity };
  if (state.format !== 'virtbib-link-state' || state.version !== 1)
    return { kind: 'unusable', reason: 'not a virtbib link state, version 1', identity };
  if (typeof state.urls !== 'object' || state.urls === null || Array.isArray(state.urls))
    return { kind: 'unusable', reason: 'no "urls" object', identity };
  const urls = new Map<string, UrlHistory>();
  const times = new Times();
  for (const [url, raw] of Object.entries(state.urls)) {
    const entry = normalizeEntry(raw, times);
    if (!entry) return { kind: 'unusable', reason: `the entry for ${url} is malformed`, identity };
    urls.set(url, entry);
  }
  return { kind: 'ok', urls, identity };
}

/** The lines of a file, decoded one at a time from a reused buffer. */
function* readLines(fd: number): Generator<string, void, undefined> {
  const buffer = Buffer.alloc(READ_BYTES);
  let carry: Buffer | undefined;
  let position = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, position);
    if (n === 0) break;
    position += n;
    let chunk = buffer.subarray(0, n);
    if (carry) {
      chunk = Buffer.concat([carry, chunk]);
      carry = undefined;
    }
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      yield chunk.toString('utf8', start, end > start && chunk[end - 1] === 13 ? end - 1 : end);
      start = end + 1;
    }
    if (start < chunk.length) carry = Buffer.from(chunk.subarray(start));
  }
  if (carry) yield carry.toString('utf8');
}

/** The state as text, one URL per line, in URL order (so that files compare and diff well). */
export function* stateChunks(urls: ReadonlyMap<string, UrlHistory>): Generator<string, void, undefined> {
  yield `${HEADER}\n`;
  const keys = [...urls.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    yield `${JSON.stringify(key)}:${JSON.stringify(urls.get(key))}${i < keys.length - 1 ? ',' : ''}\n`;
  }
  yield `${FOOTER}\n`;
}

/**
 * A checked copy of an entry read from a file, or undefined when it is malformed. Only known fields are
 * kept, and a code must be one of ours with its own class: a state file is input like any other (a branch
 * can commit one), and what is cached from it is reported as fact.
 */
function normalizeEntry(raw: unknown, times: Times): UrlHistory | undefined {
  if (!isRecord(raw)) return undefined;
  const { lastChecked, lastSuccess, consecutiveFailures, recent } = raw;
  if (!isDate(lastChecked)) return undefined;
  if (lastSuccess !== undefined && !isDate(lastSuccess)) return undefined;
  if (!Number.isSafeInteger(consecutiveFailures) || (consecutiveFailures as number) < 0) return undefined;
  if (!Array.isArray(recent)) return undefined;
  // Made by map, at their exact length: a list grown by push reserves room for 17 (~130 bytes a URL).
  const observations = recent.slice(0, RECENT_KEPT).map((item) => normalizeObservation(item, times));
  if (observations.some((o) => o === undefined)) return undefined;
  // Every field in the literal (an absent one as undefined, which JSON leaves out), so that no URL's
  // entry needs a backing store for a field added later.
  return {
    lastChecked: times.get(lastChecked),
    lastSuccess: lastSuccess === undefined ? undefined : times.get(lastSuccess),
    consecutiveFailures: consecutiveFailures as number,
    recent: observations as Observation[],
  };
}

function normalizeObservation(raw: unknown, times: Times): Observation | undefined {
  if (!isRecord(raw)) return undefined;
  const { at, code, status, finalUrl, suggestion } = raw;
  if (!isDate(at) || !isLinkCode(code) || raw.class !== classOf(code)) return undefined;
  const observation: Observation = { at: times.get(at), class: classOf(code), code };
  if (status !== undefined) {
    if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 999) return undefined;
    observation.status = status as number;
  }
  if (finalUrl !== undefined) {
    if (typeof finalUrl !== 'string') return undefined;
    observation.finalUrl = finalUrl;
  }
  if (suggestion !== undefined) {
    if (!isRecord(suggestion) || typeof suggestion.url !== 'string') return undefined;
    // Only a permanent redirect is ever recorded; anything else in a file was not written by a run.
    if (suggestion.reason !== 'permanent-redirect' || !/^https?:\/\//i.test(suggestion.url)) return undefined;
    observation.suggestion = { url: suggestion.url, reason: 'permanent-redirect' };
  }
  return observation;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
