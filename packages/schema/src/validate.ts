import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type CachedFile,
  cacheFingerprint,
  digestHash,
  readCache,
  readDigests,
  recentlyWritten,
  writeCache,
} from './cache/cache.js';
import { CacheTable } from './cache/cache-table.js';
import type { Identity } from './cache/file-identity.js';
import { type IdentityRun, identityAt, startIdentities, WORKER } from './cache/identities.js';
import { startListedIdentities } from './cache/listed-identities.js';
import { type CheckedFile, checkFile, type FileResult } from './checking/file-check.js';
import type { FileKind } from './checking/schema-order.js';
import { checkFilesInWorkers } from './checking/workers.js';
import { compareDiagnostics, type Diagnostic, type NotChecked } from './diagnostics/diagnostic.js';
import { resolvePositions } from './diagnostics/positions.js';
import { ConcurrentModificationError } from './errors.js';
import { writeFileAtomic } from './files/atomic.js';
import { LAYOUT, type ListedFile, listDatasetFiles, sizeLimit, type Timings } from './files/dataset.js';
import { canReadAhead, startReadAhead } from './files/read-ahead.js';
import type { FileRead } from './files/read-file.js';
import { buildIndex, type FileDigest } from './lint/dataset-index.js';
import { rules } from './lint/index.js';
import type { Dataset, Report } from './lint/rule.js';
import { checkDatasetRules, selectRules } from './lint/run.js';
import { applyWaivers, type EntryWaivers, type PendingFinding } from './lint/waivers.js';
import type { Entry, Note, TopicsFile } from './types.generated.js';
import { formatYaml } from './yaml/format.js';
import { type SourceFile, textOf } from './yaml/source.js';

/** What is known of a file: its result, whose digest a cached file gets only if the cross-file rules run. */
type Known = Omit<FileResult, 'digest'> & { digest?: FileDigest };

export interface ValidateOptions {
  /** Apply the fixes of fixable rules and write the files (atomically). Runs on one thread, without cache. */
  fix?: boolean;
  /** Only run these rule codes (schema and read checks always run). The cache is not used then. */
  only?: readonly string[];
  /**
   * Threads for the per-file work (reading, parsing, the schema, the per-file rules): the main thread and
   * `threads - 1` workers, each with a contiguous share of the files; only their small results cross back.
   * Default 1; the benchmark compares one and two (bench/validate.bench.mjs).
   */
  threads?: number;
  /**
   * A cache file (see cache.ts): files whose identity or content did not change since the run that wrote
   * it are not read again. The result then has no `dataset`.
   */
  cache?: string;
  /** Keep the parsed files for `dataset` (default true; false saves memory on large datasets). */
  keepData?: boolean;
  /**
   * On one thread, read the files on a second thread while this one checks those already read
   * (read-ahead.ts). Default: when there are at least READ_AHEAD_FILES files to read and a second core.
   */
  readAhead?: boolean;
  /**
   * With a cache, list the files on the identity worker while this thread reads the cache
   * (listed-identities.ts). Default: when the entries folder looks large and there is a second core.
   */
  listAside?: boolean;
}

/**
 * From how many files to read reading ahead pays: starting the worker costs a few tens of milliseconds,
 * about what reading a few thousand files costs (bench/validate.bench.mjs).
 */
export const READ_AHEAD_FILES = 4000;
/** An entries folder this size on disk holds several thousand files (see looksLarge). */
const LARGE_FOLDER_BYTES = 128 * 1024;

export interface ValidateSummary {
  diagnostics: Diagnostic[];
  /**
   * References the cross-file rules could not judge, because the entry they name has errors of its own (it
   * did not load, or the fields the rule needs failed the schema). Not findings: that entry's errors are.
   */
  notChecked: NotChecked[];
  /** Files rewritten by --fix, relative to the dataset root. */
  fixed: string[];
  fileCount: number;
  /** Files whose result came from the cache (unchanged, or touched with the same bytes): not parsed. */
  cachedCount: number;
  /** Files read from disk (all of them without a cache). */
  readCount: number;
  timings: Timings;
}

export interface ValidateResult extends ValidateSummary {
  /** The parsed files, for commands that go on to use the data (the data build). */
  dataset: Dataset;
}

/**
 * Validates a dataset directory. Each file is read, parsed, checked against its schema and by the per-file
 * rules in one pass, and reduced to a digest (on worker threads if asked, or taken from the cache when the
 * file did not change); the cross-file rules run once, over one shared index of the digests; waivers are
 * applied last, to every finding.
 */
export function validateDataset(
  dir: string,
  options?: ValidateOptions & { cache?: undefined; keepData?: true },
): Promise<ValidateResult>;
export function validateDataset(dir: string, options: ValidateOptions): Promise<ValidateSummary>;
export async function validateDataset(
  dir: string,
  options: ValidateOptions = {},
): Promise<ValidateSummary | ValidateResult> {
  const timings: Timings = { readParseMs: 0, schemaMs: 0, lintMs: 0 };
  const fix = options.fix ?? false;
  const cachePath = options.cache !== undefined && !fix && !options.only ? options.cache : undefined;
  const keepData = (options.keepData ?? true) && options.cache === undefined;
  const ran = (code: string) => !options.only || options.only.includes(code);
  const selected = selectRules(ran);

  // Without a cache every file is read. On a large dataset the read-ahead worker lists the files itself and
  // goes on to read them at once: that is sooner than listing here and handing the list over (see
  // ReadAhead.listAndRead). Meanwhile this thread checks topics.yaml, the one file named without a listing.
  let listedAhead: AsyncGenerator<FileRead[]> | undefined;
  let topicsChecked: CheckedFile | undefined;
  // Listed here, on the read-ahead worker or on the identity worker (each path below sets it once).
  let list!: ListedFile[];
  if (cachePath === undefined && mayReadAhead(options) && (options.readAhead || looksLarge(dir))) {
    const listing = startReadAhead().listAndRead(dir);
    topicsChecked = checkFile(dir, 'topics', LAYOUT.topics, {
      selected,
      keepData,
      keepSource: keepData,
      timings,
    });
    const listed = await listing;
    list = listed.list;
    listedAhead = listed.batches;
  }

  // 1. What the cache still holds: files whose identity did not change are not read at all. The files'
  //    identities are taken on a second thread while this one reads the cache; on a large dataset that
  //    thread lists the files too (listed-identities.ts).
  const startedAt = Date.now();
  const listing =
    cachePath !== undefined && listedAhead === undefined && mayListAside(options, dir)
      ? startListedIdentities(dir)
      : undefined;
  let looking: IdentityRun | undefined;
  if (listedAhead === undefined && listing === undefined) {
    list = listDatasetFiles(dir);
    if (cachePath !== undefined) looking = startIdentities(list.map(({ file }) => `${dir}/${file}`));
  }
  const fingerprint = cachePath === undefined ? '' : cacheFingerprint();
  const cache = cachePath === undefined ? undefined : readCache(cachePath, fingerprint);
  // Until the worker has listed, this thread takes identities by the list the cache was written for.
  if (listing) ({ list, identities: looking } = await listing.listed(cache?.records.names()));
  const current = looking ? await looking.finish() : new Float64Array(0);
  const previous = cache?.records ?? CacheTable.EMPTY;
  // Where each file's record is in the cache (-1: none), and the records made anew in this run.
  const positions = new Int32Array(list.length).fill(-1);
  const fresh = new Map<string, CachedFile>();
  // The files whose cached record was trusted without reading them.
  const trusted = new Uint8Array(list.length);
  let found = 0;
  // A file's result; the digest of a file taken from the cache is read from the digests file if needed.
  const results: Known[] = new Array(list.length);
  const identities: (Identity | undefined)[] = new Array(list.length);
  // The list's own items: 100k files need no second object each.
  const toCheck: ListedFile[] = [];
  let cachedCount = 0;
  list.forEach(({ kind, file }, index) => {
    if (cachePath !== undefined) {
      const at = previous.find(file, index);
      positions[index] = at;
      if (at !== -1) {
        found++;
        // Trusted without reading: the same kind, the same identity, not written as the cached run began.
        if (
          previous.kind(at) === kind &&
          previous.sameIdentity(at, current, index) &&
          !recentlyWritten(current, index, cache!.startedAt)
        ) {
          results[index] = { kind, file, diagnostics: previous.diagnosticsAt(at) };
          trusted[index] = 1;
          cachedCount++;
          return;
        }
      }
      identities[index] = identityAt(current, index);
    }
    toCheck.push(list[index]!);
  });

  // 2. The per-file work for the others.
  const threads = fix
    ? 1
    : Math.max(1, Math.min(options.threads ?? 1, availableParallelism(), toCheck.length));
  const known = (index: number) => (positions[index]! === -1 ? undefined : previous.hash(positions[index]!));
  const checkHere = (
    { index, kind, file }: { index: number; kind: FileKind; file: string },
    read?: FileRead,
  ) =>
    checkFile(dir, kind, file, {
      selected,
      keepData,
      hash: cachePath !== undefined,
      unchanged: cachePath === undefined ? undefined : (hash) => known(index) === hash,
      keepSource: fix || keepData,
      timings,
      read,
    });
  const ahead =
    listedAhead !== undefined ||
    (threads === 1 && mayReadAhead(options) && (options.readAhead ?? toCheck.length >= READ_AHEAD_FILES));
  let checked: (CheckedFile | FileResult)[];
  if (threads > 1) {
    // The main thread takes the first share itself while the workers start and take the others.
    const share = Math.ceil(toCheck.length / threads);
    const rest = toCheck.slice(share);
    const others = checkFilesInWorkers(
      {
        dir,
        only: options.only,
        keepData,
        hash: cachePath !== undefined,
        known: Object.fromEntries(
          rest.flatMap(({ index, file }) => {
            const hash = known(index);
            return hash === undefined ? [] : [[file, hash]];
          }),
        ),
      },
      rest,
      threads - 1,
      timings,
    );
    const mine = toCheck.slice(0, share).map((item) => checkHere(item));
    checked = [...mine, ...(await others)];
  } else if (ahead) {
    checked = [];
    // Listed on the worker, every file is read in the order of the list, which toCheck keeps.
    const batches =
      listedAhead ??
      startReadAhead().read(
        dir,
        toCheck.map(({ kind, file }) => ({ path: `${dir}/${file}`, limit: sizeLimit(kind) })),
      );
    // topics.yaml, when it was checked already, takes its place in the list's order.
    const topicsInPlace = () => {
      if (topicsChecked && toCheck[checked.length]?.kind === 'topics') checked.push(topicsChecked);
    };
    for await (const batch of batches)
      for (const read of batch) {
        topicsInPlace();
        checked.push(checkHere(toCheck[checked.length]!, read));
      }
    topicsInPlace();
  } else checked = toCheck.map((item) => checkHere(item));
  const fixable: PendingFinding[] = [];
  const sources = new Map<string, SourceFile>();
  // Whether the cross-file facts may have changed: a file whose digest changed, or a file added or gone.
  const sameFiles = list.length === previous.size && found === list.length;
  let digestsChanged = cache === undefined || !sameFiles;
  checked.forEach((result, i) => {
    const { index, file } = toCheck[i]!;
    const identity = identities[index];
    if ('unchanged' in result && result.unchanged) {
      // Touched, but the same bytes: the old result holds, under the new identity.
      const record = { ...previous.record(positions[index]!), ...(identity && { identity }) };
      results[index] = fromCache(file, record);
      if (identity) fresh.set(file, record);
      cachedCount++;
      return;
    }
    results[index] = result;
    if ('fixable' in result) {
      fixable.push(...result.fixable);
      if (result.source) sources.set(file, result.source);
    }
    if (identity && result.hash !== undefined) {
      const entry = result.digest.kind === 'entry' ? result.digest.entry : undefined;
      const record: CachedFile = {
        kind: result.kind,
        identity,
        hash: result.hash,
        diagnostics: result.diagnostics,
        digestHash: digestHash(result.digest),
      };
      if (entry?.waivers) record.waivers = { id: entry.id, rules: entry.waivers };
      fresh.set(file, record);
      const at = positions[index]!;
      if (at === -1 || previous.digestHash(at) !== record.digestHash) digestsChanged = true;
    } else digestsChanged = true;
  });

  // 3. The cross-file rules, once, over the shared index of every file's digest; or, when no digest
  //    changed and no cross-file result points into a file that did, the cached results.
  const t0 = performance.now();
  let readCount = toCheck.length;
  const diagnostics: Diagnostic[] = [];
  for (const result of results) for (const d of result.diagnostics) diagnostics.push(d);
  const cachedCross = cache?.crossFile;
  const reread = cachedCross === undefined ? undefined : new Set(toCheck.map(({ file }) => file));
  const reuse =
    cachedCross !== undefined &&
    !digestsChanged &&
    !cachedCross.diagnostics.some((d) => reread!.has(d.file)) &&
    !cachedCross.notChecked.some((n) => reread!.has(n.file));
  let crossDiagnostics: Diagnostic[];
  let notChecked: NotChecked[];
  let allDigests: Map<string, FileDigest> | undefined;
  if (reuse) {
    crossDiagnostics = cachedCross.diagnostics;
    notChecked = cachedCross.notChecked;
  } else {
    allDigests = completeDigests(results, cachePath, cache?.generation ?? '', (missing) => {
      readCount += missing.length;
      return missing.map(({ kind, file }) => checkFile(dir, kind, file, { selected, timings }));
    });
    // Every result has its digest now (completeDigests); a source is made only for a file a rule reports on.
    const index = buildIndex(
      results as FileResult[],
      (i) => sources.get(results[i]!.file) ?? sourceOf(dir, results[i]!),
    );
    const crossFile = checkDatasetRules(index, selected);
    crossDiagnostics = resolvePositions(crossFile.findings);
    notChecked = locateSkipped(crossFile.skipped);
  }
  for (const d of crossDiagnostics) diagnostics.push(d);
  const waivers: EntryWaivers[] = [];
  results.forEach((result, index) => {
    const entry = result.digest?.kind === 'entry' ? result.digest.entry : undefined;
    const at = positions[index]!;
    const waived = entry?.waivers
      ? { id: entry.id, rules: entry.waivers }
      : result.digest
        ? undefined
        : (fresh.get(result.file)?.waivers ?? (at === -1 ? undefined : previous.waiversAt(at)));
    if (waived) waivers.push({ source: sources.get(result.file) ?? sourceOf(dir, result), ...waived });
  });
  timings.lintMs += performance.now() - t0;

  // 4. Waivers, over every finding; then fixes.
  const severities = new Map(rules.map(({ rule, severity }) => [rule.code, severity]));
  const { kept, stale } = applyWaivers(diagnostics, waivers, severities, ran);
  for (const d of resolvePositions(stale)) kept.push(d);

  const fixed = fix ? applyFixes(results, sources, fixable) : [];
  const remaining = fix ? kept.filter((d) => !(fixed.includes(d.file) && isFixed(d, fixable))) : kept;
  remaining.sort(compareDiagnostics);

  // When the cross-file results stood and only a few files changed, the cache is left as it is: rewriting
  // the records of 100k files would cost more than checking those few files again next time.
  const few = toCheck.length <= Math.max(50, list.length / 200);
  if (
    cachePath !== undefined &&
    !(reuse && sameFiles && few) &&
    (toCheck.length > 0 || !sameFiles || !cachedCross)
  ) {
    // The records to keep, in the order of the list: those made in this run, and the cached ones trusted.
    function* nextRecords(): Generator<[string, CachedFile]> {
      for (let index = 0; index < list.length; index++) {
        const { file } = list[index]!;
        const made = fresh.get(file);
        if (made) yield [file, made];
        else if (trusted[index]) yield [file, previous.record(positions[index]!)];
      }
    }
    // A new generation of digests when they were all at hand; otherwise the old digests file still fits.
    const generation = allDigests ? randomBytes(8).toString('hex') : cache!.generation;
    writeCache(
      cachePath,
      { fingerprint, startedAt, generation, records: nextRecords(), count: list.length },
      { diagnostics: crossDiagnostics, notChecked },
      allDigests,
    );
  }
  const summary: ValidateSummary = {
    diagnostics: remaining,
    notChecked,
    fixed,
    fileCount: list.length,
    cachedCount,
    readCount,
    timings,
  };
  return keepData ? { ...summary, dataset: datasetOf(dir, results, sources) } : summary;
}

/**
 * Whether the entries folder looks large enough to be worth listing on the read-ahead worker. Its size on disk
 * grows with the names it holds (about 20-50 bytes each on ext4, tmpfs, btrfs and xfs), so it is a free hint
 * of several thousand files; where it says little, the files are listed here, which is only slower.
 */
function looksLarge(dir: string): boolean {
  return (statSync(`${dir}/${LAYOUT.entries}`, { throwIfNoEntry: false })?.size ?? 0) >= LARGE_FOLDER_BYTES;
}

/** Whether the identity worker lists the files (see ValidateOptions.listAside): its script must be built. */
function mayListAside(options: ValidateOptions, dir: string): boolean {
  const wanted = options.listAside ?? (availableParallelism() > 1 && looksLarge(dir));
  return wanted && existsSync(fileURLToPath(WORKER));
}

/** Whether reading ahead may be used: on one thread, not fixing, with a second core (or when asked). */
function mayReadAhead(options: ValidateOptions): boolean {
  return (
    !options.fix &&
    (options.threads ?? 1) <= 1 &&
    options.readAhead !== false &&
    (options.readAhead === true || availableParallelism() > 1) &&
    canReadAhead()
  );
}

function fromCache(file: string, record: CachedFile): Omit<FileResult, 'digest'> {
  return { kind: record.kind, file, diagnostics: record.diagnostics };
}

/**
 * Fills in the digest of every result taken from the cache, from the digests file; files it does not have
 * (an older or missing digests file) are checked again with `check`. Returns every digest by file, for
 * the cache to keep (none without a cache).
 */
function completeDigests(
  results: Known[],
  cachePath: string | undefined,
  generation: string,
  check: (missing: { kind: FileKind; file: string }[]) => FileResult[],
): Map<string, FileDigest> | undefined {
  const lacking = results.filter((r) => r.digest === undefined);
  const stored =
    lacking.length > 0 && cachePath !== undefined ? readDigests(cachePath, generation) : undefined;
  const missing: typeof lacking = [];
  for (const result of lacking) {
    const digest = stored?.get(result.file);
    if (digest?.kind === result.kind) result.digest = digest;
    else missing.push(result);
  }
  if (missing.length > 0) {
    const checked = check(missing);
    missing.forEach((result, i) => {
      result.digest = checked[i]!.digest;
    });
  }
  return cachePath === undefined ? undefined : new Map(results.map((r) => [r.file, r.digest!]));
}

/** A source for locating findings in a file whose text and data are not at hand: read again if needed. */
function sourceOf(dir: string, result: Known): SourceFile {
  return {
    path: result.path ?? `${dir}/${result.file}`,
    file: result.file,
    data: result.kept?.data,
    hasBom: result.kept?.hasBom ?? false,
  };
}

function locateSkipped(skipped: ReturnType<typeof checkDatasetRules>['skipped']): NotChecked[] {
  const located = resolvePositions(
    skipped.map(
      ({ code, at }): PendingFinding => ({
        code,
        severity: 'warning',
        report: { at, message: '', hint: '' },
      }),
    ),
  );
  const notChecked = located.map(({ code, file, line, column }, i) => ({
    code,
    file,
    line,
    column,
    id: skipped[i]!.id,
    because: skipped[i]!.because,
  }));
  return notChecked.sort(compareDiagnostics);
}

/** The commands' view of the parsed files (kept only when asked). */
function datasetOf(
  dir: string,
  results: readonly Known[],
  sources: ReadonlyMap<string, SourceFile>,
): Dataset {
  const dataset: {
    entries: Dataset['entries'][number][];
    topics?: Dataset['topics'];
    notes: Dataset['notes'][number][];
  } = { entries: [], notes: [] };
  for (const result of results) {
    if (!result.kept) continue;
    const { data, valid } = result.kept;
    const source = sources.get(result.file) ?? sourceOf(dir, result);
    source.data = data;
    if (result.kind === 'entry') dataset.entries.push({ source, entry: data as Entry, valid });
    else if (result.kind === 'topics') dataset.topics = { source, data: data as TopicsFile, valid };
    else dataset.notes.push({ source, data: data as Note, valid });
  }
  return dataset;
}

function isFixed(d: Diagnostic, fixable: readonly PendingFinding[]): boolean {
  return fixable.some((p) => p.code === d.code && p.report.at.source.file === d.file);
}

/** Applies every fix of a file in one rewrite, through the formatter, and writes it atomically. */
function applyFixes(
  results: readonly Known[],
  sources: ReadonlyMap<string, SourceFile>,
  fixable: readonly PendingFinding[],
): string[] {
  const byFile = new Map<SourceFile, Report[]>();
  for (const { report } of fixable) {
    const list = byFile.get(report.at.source) ?? [];
    list.push(report);
    byFile.set(report.at.source, list);
  }
  // A byte-order mark is also repaired by rewriting the file.
  for (const source of sources.values())
    if (source.hasBom && source.data !== undefined && !byFile.has(source)) byFile.set(source, []);
  const kinds = new Map(results.map((r) => [r.file, r.kind]));
  const written: string[] = [];
  for (const [source, reports] of byFile) {
    const next = formatYaml(kinds.get(source.file) ?? 'entry', textOf(source), (doc) => {
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
