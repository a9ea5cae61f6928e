import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Identity, identityOf } from './file-identity.js';

/**
 * The identities of many files (cache.ts), taken on two threads. With a warm cache, looking at each file's
 * identity is most of a run (one lstat per file, ~0.4 s for 100k files here), and the calls are independent:
 * a worker and the calling thread take chunks of the list from a shared counter, so neither waits for the
 * other whatever else each has to do, and write the five numbers of each identity into a shared array.
 * A file that is not a regular file (or cannot be looked at) has NaN as its first number, read as undefined.
 */

/** From how many files a worker pays for its start (a few tens of milliseconds, a few thousand lstats). */
export const WORKER_FILES = 4000;
/** Files claimed at a time: small enough to share the end evenly, large enough to keep the counter cold. */
export const CHUNK = 256;
export const FIELDS = 5;

export const WORKER = new URL('./identities-worker.js', import.meta.url);

export interface IdentityTask {
  /** The paths, joined by NUL (one string crosses to the worker faster than 100k do). */
  paths: string;
  count: number;
  /** Int32 [next unclaimed index]. */
  counter: SharedArrayBuffer;
  /** Float64 × FIELDS per path. */
  values: SharedArrayBuffer;
}

/**
 * The listing variant (startListedIdentities): the worker lists the dataset, then sends the list and the
 * array it writes identities into; both threads then claim chunks as above.
 */
export interface ListingTask {
  list: string;
  /** Int32 [next unclaimed index, 1 once the list is posted]. */
  counter: SharedArrayBuffer;
}

/** What the worker of a listing task posts first. */
export type ListingMessage =
  | { listed: { entries: string; notes: string }; values: SharedArrayBuffer }
  | { listFailed: { usage: boolean; message: string } };

/**
 * Takes the identities of the chunks it can claim, until none is left. Runs on both threads; `pathAt(i)`
 * is the path of file i of `count` (a function, so that a thread builds only the paths it claims).
 */
export function claimIdentities(
  count: number,
  pathAt: (i: number) => string,
  counter: Int32Array,
  values: Float64Array,
): void {
  while (claimChunk(count, pathAt, counter, values) < count);
}

/**
 * Claims the next chunk and takes the identities of its files below `count`; returns where the chunk
 * starts (at or past `count` when no file was left: none was looked at, but the chunk is claimed).
 */
export function claimChunk(
  count: number,
  pathAt: (i: number) => string,
  counter: Int32Array,
  values: Float64Array,
): number {
  const start = Atomics.add(counter, 0, CHUNK);
  if (start < count) identify(start, Math.min(count, start + CHUNK), pathAt, values);
  return start;
}

/** Writes the identities of files start..end-1 into `values`. */
export function identify(
  start: number,
  end: number,
  pathAt: (i: number) => string,
  values: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const identity = identityOf(pathAt(i));
    const at = i * FIELDS;
    if (!identity) values[at] = Number.NaN;
    else for (let f = 0; f < FIELDS; f++) values[at + f] = identity[f]!;
  }
}

export interface IdentityRun {
  /**
   * Takes this thread's share (call it after the other work it overlaps) and waits for the worker's:
   * FIELDS numbers per path, NaN first for a path that is not a regular file (see identityAt).
   */
  finish(): Promise<Float64Array>;
}

/** The identity of path `i` in what finish() gave, or undefined. */
export function identityAt(values: Float64Array, i: number): Identity | undefined {
  const at = i * FIELDS;
  if (Number.isNaN(values[at]!)) return undefined;
  return [values[at]!, values[at + 1]!, values[at + 2]!, values[at + 3]!, values[at + 4]!];
}

/**
 * Starts taking the identities of `paths`: on a worker at once when the list is long and a second core is
 * there (and the worker script exists as JavaScript: tests of the TypeScript sources take them all here).
 */
export function startIdentities(paths: readonly string[], useWorker?: boolean): IdentityRun {
  const worthIt =
    useWorker ??
    (paths.length >= WORKER_FILES && availableParallelism() > 1 && existsSync(fileURLToPath(WORKER)));
  if (!worthIt)
    return {
      finish: async () => {
        const values = new Float64Array(paths.length * FIELDS);
        claimIdentities(paths.length, (i) => paths[i]!, new Int32Array(1), values);
        return values;
      },
    };
  const task: IdentityTask = {
    paths: paths.join('\0'),
    count: paths.length,
    counter: new SharedArrayBuffer(4),
    values: new SharedArrayBuffer(paths.length * FIELDS * 8),
  };
  const worker = new Worker(WORKER, { workerData: task });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the identity worker stopped (exit code ${code}) before its share was done`)),
    );
  });
  // If the caller fails before finishing, the worker still ends by itself once it has claimed every chunk.
  done.catch(() => {});
  return {
    async finish() {
      const counter = new Int32Array(task.counter);
      const values = new Float64Array(task.values);
      claimIdentities(paths.length, (i) => paths[i]!, counter, values);
      try {
        await done;
      } finally {
        void worker.terminate();
      }
      return values;
    },
  };
}
