import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { filesOf, type ListedFile } from '../files/dataset-files.js';
import {
  CHUNK,
  claimChunk,
  claimIdentities,
  FIELDS,
  type IdentityRun,
  identify,
  type ListingMessage,
  type ListingTask,
  WORKER,
} from './identities.js';

/** A listing and identity run (startListedIdentities): first the list, then the identities. */
export interface ListedIdentityRun {
  /**
   * The dataset's files as listDatasetFiles lists them (a UsageError, as it would throw, if `dir` is not a
   * dataset), and a run that gives their identities in the list's order.
   *
   * `guess` is the list the caller expects (the one a cache was written for): until the worker has listed,
   * this thread takes identities by it, from the same shared counter as the worker will. Once the list is
   * known, each guessed file whose name is where the guess put it keeps its identity, and any other file
   * of those chunks is looked at again by its real path. A wrong guess costs time, never a wrong identity.
   */
  listed(guess?: readonly string[]): Promise<{ list: ListedFile[]; identities: IdentityRun }>;
}

/**
 * Lists the dataset `dir` on a worker, which then goes straight on to the files' identities: with a warm
 * cache, listing 100k files (about a quarter of a second) and building their paths cost the calling thread
 * more than reading the cache, which it does meanwhile. The caller joins in once it has the list, and
 * before that by a guess of it (see listed).
 */
export function startListedIdentities(dir: string): ListedIdentityRun {
  const task: ListingTask = { list: dir, counter: new SharedArrayBuffer(8) };
  const shared = new Int32Array(task.counter);
  const worker = new Worker(WORKER, { workerData: task });
  let first: ((message: ListingMessage) => void) | undefined;
  const firstMessage = new Promise<ListingMessage>((resolve) => {
    first = resolve;
  });
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: ListingMessage | 'done') => {
      if (message === 'done') resolve();
      else first!(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the identity worker stopped (exit code ${code}) before its share was done`)),
    );
  });
  // If the caller fails before finishing, the worker still ends by itself once it has claimed every chunk.
  done.catch(() => {});

  return {
    async listed(guess = []) {
      // Chunks claimed by the guess, and what it found, until the worker says the list is posted.
      const guessed = new Float64Array(guess.length * FIELDS);
      const claimed: number[] = [];
      const guessedPath = (i: number) => `${dir}/${guess[i]!}`;
      while (Atomics.load(shared, 1) === 0) {
        const start = claimChunk(guess.length, guessedPath, shared, guessed);
        // Kept even when it starts past the guess's end: the real list may have files there.
        claimed.push(start);
        if (start >= guess.length) break;
      }
      let message: ListingMessage | undefined;
      try {
        message = await Promise.race([firstMessage, done.then(() => undefined)]);
      } catch (error) {
        void worker.terminate();
        throw error;
      }
      if (message === undefined || !('listed' in message)) {
        void worker.terminate();
        if (message === undefined) throw new Error('the identity worker sent no list');
        const { usage, message: text } = message.listFailed;
        throw usage ? new UsageError(text) : new Error(text);
      }
      const split = (names: string) => (names === '' ? [] : names.split('\0'));
      const list = filesOf(split(message.listed.entries), split(message.listed.notes));
      const values = new Float64Array(message.values);
      const realPath = (i: number) => `${dir}/${list[i]!.file}`;
      // The chunks this thread claimed: the right guesses are kept, the rest looked at now.
      for (const start of claimed) {
        const end = Math.min(list.length, start + CHUNK);
        for (let i = start; i < end; i++) {
          if (i < guess.length && guess[i] === list[i]!.file)
            values.set(guessed.subarray(i * FIELDS, (i + 1) * FIELDS), i * FIELDS);
          else identify(i, i + 1, realPath, values);
        }
      }
      return {
        list,
        identities: {
          async finish() {
            claimIdentities(list.length, realPath, shared, values);
            try {
              await done;
            } finally {
              void worker.terminate();
            }
            return values;
          },
        },
      };
    },
  };
}
