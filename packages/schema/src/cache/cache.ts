import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, NotChecked } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../files/atomic.js';
import { type CacheColumns, packCache, unpackCache } from './cache-file.js';
import { type CachedFile, CacheTable, HASH_CHARS } from './cache-table.js';
import type { Identity } from './file-identity.js';

export type { CachedFile };

import type { FileKind } from '../checking/schema-order.js';
import type { FileDigest } from '../lint/dataset-index.js';
import { rules } from '../lint/index.js';

/**
 * The validation cache (`virtbib validate --cache`): for each file, what validation learnt from it alone (its
 * diagnostics, and a fingerprint of the digest the cross-file rules need), keyed by the file's identity
 * (device, inode, size, modification and change times: a file that keeps all five has not been written)
 * and by its content (a file that was touched but holds the same bytes is not parsed again); and the
 * results of the cross-file rules. Not the parsed dataset. When the files that changed still have the
 * digests they had, the cross-file results stand; otherwise the digests, kept in a second file read only
 * then, give the cross-file rules their index without reading the unchanged files.
 *
 * A cache written by other code, in another year (`year-range` moves with the calendar), or that does not
 * read back as what this module writes, is ignored as a whole; a record whose shape is wrong is ignored
 * alone. It is written atomically. It is a convenience for one's own working copy: a checkout made by
 * someone else could bring a cache file of its own, so CI on untrusted changes runs without it.
 */

/** The cross-file findings of the run that wrote the cache, before waivers. */
export interface CrossFileResults {
  diagnostics: Diagnostic[];
  notChecked: NotChecked[];
}

const FORMAT = 'virtbib-validate-cache/4';

/** A fingerprint of a digest: equal fingerprints, equal cross-file facts. */
export function digestHash(digest: FileDigest): string {
  return createHash('sha256').update(JSON.stringify(digest)).digest('base64').slice(0, 22);
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

let fingerprintMemo: string | undefined;
/**
 * What the cached results depend on besides the files: this package's code and compiled schemas (any change
 * of a rule), the rule table, and the year.
 */
export function cacheFingerprint(): string {
  if (fingerprintMemo === undefined) {
    const hash = createHash('sha256');
    const here = dirname(fileURLToPath(import.meta.url));
    const code = [
      ...listCode(here),
      join(here, '../../generated/validators.js'),
      join(here, '../../generated/first-error.js'),
    ];
    for (const file of code.sort()) {
      try {
        hash.update(file.slice(here.length)).update(readFileSync(file));
      } catch {}
    }
    hash.update(JSON.stringify(rules.map(({ rule, severity }) => [rule.code, severity])));
    fingerprintMemo = hash.digest('base64');
  }
  return `${fingerprintMemo}:${new Date().getUTCFullYear()}`;
}

function listCode(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listCode(path);
    return /\.(?:js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * File systems keep times at some granularity (a second or two on some): a file written in the same tick
 * as the run that cached it could change again without its identity changing. Like git's "racily clean"
 * index entries, such files are checked by content instead.
 */
const TIME_GRANULARITY_MS = 2000;

export interface CacheContents {
  records: CacheTable;
  /** When the run that wrote the cache started reading files. */
  startedAt: number;
  /** Names the digests file that goes with these records. */
  generation: string;
  crossFile?: CrossFileResults;
}

/**
 * The records of a cache file; none when there is none, or it is stale or unreadable. The file holds
 * columns rather than a row per file (see writeCache and cache-file.ts): the names, the identities as the
 * bytes of one Float64Array, both hashes end to end, and findings and waivers only for the files that have
 * any. At 100k files a row per file cost more to parse than all the rest of a warm run's work.
 */
export function readCache(path: string, fingerprint: string): CacheContents {
  const empty = { records: CacheTable.EMPTY, startedAt: 0, generation: '' };
  let unpacked: CacheColumns | undefined;
  try {
    unpacked = unpackCache(readFileSync(path));
  } catch {
    return empty;
  }
  if (!unpacked) return empty;
  const { header: parsed, files, identities: bytes, hashes, digestHashes } = unpacked;
  if (parsed.format !== FORMAT || parsed.fingerprint !== fingerprint) return empty;
  if (typeof parsed.startedAt !== 'number' || typeof parsed.generation !== 'string') return empty;
  const { findings, waivers } = parsed;
  if (!Array.isArray(findings) || !Array.isArray(waivers)) return empty;
  const count = files.length;
  if (bytes.length !== count * IDENTITY_BYTES) return empty;
  if (hashes.length !== count * HASH_CHARS || digestHashes.length !== count * HASH_CHARS) return empty;
  // Copied into an aligned buffer of its own: the column may start at any offset of the file.
  const numbers = new Float64Array(count * 5);
  new Uint8Array(numbers.buffer).set(bytes);

  // Findings and waivers by file number; a file whose row is malformed is left out alone (read again).
  const broken = new Set<number>();
  const diagnosticsOf = new Map<number, Diagnostic[]>();
  for (const row of findings) {
    const at = fileNumber(row, 2, count);
    if (at === undefined) continue;
    const list = (row as unknown[])[1];
    const diagnostics: Diagnostic[] = [];
    if (!Array.isArray(list) || list.length === 0) broken.add(at);
    else
      for (const d of list) {
        const diagnostic = Array.isArray(d) && d.length === 6 ? diagnosticOf(files[at]!, d) : undefined;
        if (diagnostic) diagnostics.push(diagnostic);
        else broken.add(at);
      }
    diagnosticsOf.set(at, diagnostics);
  }
  const waiversOf = new Map<number, { id: string; rules: string[] }>();
  for (const row of waivers) {
    const at = fileNumber(row, 3, count);
    if (at === undefined) continue;
    const [, id, rules] = row as unknown[];
    if (typeof id === 'string' && isStrings(rules)) waiversOf.set(at, { id, rules: rules as string[] });
    else broken.add(at);
  }

  // A record whose identity is not five finite numbers is as good as malformed.
  for (let i = 0; i < count * 5; i++) if (!Number.isFinite(numbers[i]!)) broken.add(Math.floor(i / 5));
  const records = new CacheTable(files, numbers, hashes, digestHashes, diagnosticsOf, waiversOf, broken);
  const crossFile = crossFileOf(parsed.crossFile);
  return {
    records,
    startedAt: parsed.startedAt,
    generation: parsed.generation,
    ...(crossFile && { crossFile }),
  };
}

const IDENTITY_BYTES = 5 * Float64Array.BYTES_PER_ELEMENT;

/** The file number that starts a findings or waivers row of `length` items, if it is one. */
function fileNumber(row: unknown, length: number, count: number): number | undefined {
  if (!Array.isArray(row) || row.length !== length) return undefined;
  const at = row[0];
  return Number.isInteger(at) && at >= 0 && at < count ? (at as number) : undefined;
}

/** The digests that go with a cache's records, if the file is there and of the same generation. */
export function readDigests(path: string, generation: string): Map<string, FileDigest> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(digestsPath(path), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || parsed.format !== FORMAT || parsed.generation !== generation) return undefined;
  if (!Array.isArray(parsed.digests)) return undefined;
  const digests = new Map<string, FileDigest>();
  for (const row of parsed.digests) {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || !isObject(row[1])) return undefined;
    const digest = row[1];
    const kind = digest.kind;
    if ((kind !== 'entry' && kind !== 'topics' && kind !== 'notes') || !isDigest(kind, digest))
      return undefined;
    digests.set(row[0], digest);
  }
  return digests;
}

const digestsPath = (path: string) => `${path}.digests`;

/** True when the file's identity proves it unchanged since a cache written by a run started at `startedAt`. */
export function trustIdentity(current: Identity, cached: Identity, startedAt: number): boolean {
  return sameIdentity(current, cached) && !writtenNear(current[3], current[4], startedAt);
}

/**
 * The same test of times for identities kept five numbers each in an array (identities.ts): true when
 * identity `index` was modified or changed too close to `startedAt` for its times to prove anything.
 */
export function recentlyWritten(identities: Float64Array, index: number, startedAt: number): boolean {
  return writtenNear(identities[index * 5 + 3]!, identities[index * 5 + 4]!, startedAt);
}

function writtenNear(mtime: number, ctime: number, startedAt: number): boolean {
  return !(Math.max(mtime, ctime) < startedAt - TIME_GRANULARITY_MS);
}

/**
 * Writes the records and the cross-file results atomically, in columns (see readCache), and the digests
 * beside them when given (they are rewritten only when the cross-file rules ran on new ones). A cache is
 * not data: it is not flushed to disk, and one that cannot be written is skipped.
 */
export function writeCache(
  path: string,
  contents: {
    fingerprint: string;
    startedAt: number;
    generation: string;
    /** Every record to keep, and at most how many there are. */
    records: Iterable<[string, CachedFile]>;
    count: number;
  },
  crossFile: CrossFileResults,
  digests?: ReadonlyMap<string, FileDigest>,
): void {
  const files: string[] = [];
  const numbers = new Float64Array(contents.count * 5);
  const hashes: string[] = [];
  const digestHashes: string[] = [];
  const findings: unknown[] = [];
  const waived: unknown[] = [];
  for (const [file, { identity, hash, diagnostics, digestHash, waivers }] of contents.records) {
    // Hashes of another length cannot sit in the columns; such a file is simply not cached.
    if (hash.length !== HASH_CHARS || digestHash.length !== HASH_CHARS) continue;
    const at = files.length;
    files.push(file);
    numbers.set(identity, at * 5);
    hashes.push(hash);
    digestHashes.push(digestHash);
    if (diagnostics.length > 0)
      findings.push([at, diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.message, d.hint])]);
    if (waivers) waived.push([at, waivers.id, waivers.rules]);
  }
  const identities = new Uint8Array(numbers.buffer, 0, files.length * IDENTITY_BYTES);
  const cross = {
    findings: crossFile.diagnostics.map((d) => [
      d.file,
      d.code,
      d.severity,
      d.line,
      d.column,
      d.message,
      d.hint,
    ]),
    notChecked: crossFile.notChecked.map((n) => [n.file, n.code, n.line, n.column, n.id, n.because]),
  };
  const { fingerprint, startedAt, generation } = contents;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (digests)
      writeFileAtomic(
        digestsPath(path),
        JSON.stringify({ format: FORMAT, generation, digests: [...digests] }),
        undefined,
        { sync: false },
      );
    writeFileAtomic(
      path,
      packCache({
        header: {
          format: FORMAT,
          fingerprint,
          startedAt,
          generation,
          findings,
          waivers: waived,
          crossFile: cross,
        },
        files,
        identities,
        hashes: hashes.join(''),
        digestHashes: digestHashes.join(''),
      }),
      undefined,
      { sync: false },
    );
  } catch {
    // The cache only saves time; a read-only or full disk must not fail validation.
  }
}

function crossFileOf(value: unknown): CrossFileResults | undefined {
  if (!isObject(value) || !Array.isArray(value.findings) || !Array.isArray(value.notChecked))
    return undefined;
  const diagnostics: Diagnostic[] = [];
  for (const row of value.findings) {
    if (!Array.isArray(row) || row.length !== 7 || typeof row[0] !== 'string') return undefined;
    const d = diagnosticOf(row[0], row.slice(1));
    if (!d) return undefined;
    diagnostics.push(d);
  }
  const notChecked: NotChecked[] = [];
  for (const row of value.notChecked) {
    if (!Array.isArray(row) || row.length !== 6) return undefined;
    const [file, code, line, column, id, because] = row as unknown[];
    if (typeof file !== 'string' || typeof code !== 'string' || typeof id !== 'string') return undefined;
    if (typeof line !== 'number' || typeof column !== 'number' || typeof because !== 'string')
      return undefined;
    notChecked.push({ file, code, line, column, id, because });
  }
  return { diagnostics, notChecked };
}

function diagnosticOf(file: string, row: unknown[]): Diagnostic | undefined {
  const [code, severity, line, column, message, hint] = row;
  if (typeof code !== 'string' || (severity !== 'error' && severity !== 'warning')) return undefined;
  if (typeof line !== 'number' || typeof column !== 'number') return undefined;
  if (typeof message !== 'string' || typeof hint !== 'string') return undefined;
  return { code, severity, file, line, column, message, hint };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

/** A digest exactly as the rules expect it: the cross-file rules trust its types. */
function isDigest(kind: FileKind, digest: unknown): digest is FileDigest {
  if (!isObject(digest) || digest.kind !== kind) return false;
  if (kind === 'entry') {
    const e = digest.entry;
    if (e === undefined) return true;
    return (
      isObject(e) &&
      typeof e.id === 'string' &&
      optional(e.broken, isStrings) &&
      optional(e.titleKey, (v) => typeof v === 'string') &&
      optional(e.year, (v) => typeof v === 'number') &&
      optional(e.doi, (v) => typeof v === 'string') &&
      optional(e.alternateDois, isStrings) &&
      optional(e.topics, isStrings) &&
      optional(e.waivers, isStrings) &&
      optional(
        e.related,
        (v) =>
          Array.isArray(v) &&
          v.every((r) => isObject(r) && typeof r.id === 'string' && typeof r.relation === 'string'),
      )
    );
  }
  if (kind === 'topics') {
    const t = digest.topics;
    if (t === undefined) return true;
    return (
      isObject(t) &&
      typeof t.complete === 'boolean' &&
      Array.isArray(t.topics) &&
      t.topics.every(
        (topic) =>
          isObject(topic) &&
          typeof topic.id === 'string' &&
          typeof topic.index === 'number' &&
          optional(topic.readingOrder, isStrings),
      )
    );
  }
  const n = digest.note;
  if (n === undefined) return true;
  return (
    isObject(n) &&
    Array.isArray(n.links) &&
    n.links.every(
      (link) =>
        isObject(link) &&
        typeof link.id === 'string' &&
        Array.isArray(link.path) &&
        link.path.every((step) => typeof step === 'string' || typeof step === 'number'),
    )
  );
}
