import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { filesOf, type ListedFile } from './dataset-files.js';
import type { FileProblem, FileRead } from './read-file.js';

/**
 * Reading files ahead on a second thread. Reading 100k small files is system calls (open, read, close),
 * about a third of validating them; on a machine with a second core, a worker can make those calls while
 * the caller's thread parses and checks the files already read. The worker reads each file exactly as
 * `readDataFile` does on the calling thread (the same function runs there), packs the bytes of many
 * files into one buffer and hands the buffer over without copying it; the caller hands it back when done
 * with it. At most `inFlight` buffers exist, so memory stays bounded however large the dataset is.
 */

export interface AheadFile {
  path: string;
  /** Files larger than this are not read (see readDataFile). */
  limit: number;
}

/** What the worker is given when it starts: where to report that a batch was handed back. */
export interface ReadAheadStart {
  /** One Int32: the batches posted and not yet given back. */
  flow: SharedArrayBuffer;
}

/** How the batches are cut: bytes per buffer, and how many buffers may be out at once. */
export interface BatchOptions {
  batchBytes?: number;
  inFlight?: number;
}

/**
 * What the worker is asked to do, in one message: read these files, or list a dataset and read every file
 * listed. Paths travel as one string and limits as one typed array: copying 100k small objects to another
 * thread costs about a tenth of a second, these a few milliseconds.
 */
export type ReadAheadTask = Required<BatchOptions> &
  (
    | {
        root: string;
        /** The paths, separated by NUL (which no path holds). */
        paths: string;
        limits: Float64Array;
      }
    | { list: string }
  );

/** A dataset's files as the worker listed them (listDatasetNames), or why it could not list them. */
export type ListedMessage =
  | {
      listed: {
        /** The entries' paths relative to the dataset, separated by NUL (which no path holds). */
        entries: string;
        /** The notes' paths, likewise. */
        notes: string;
      };
    }
  | { listFailed: { usage: boolean; message: string } };

/** One batch: the bytes of consecutive files, where each ends, and what was unusual about some of them. */
export interface ReadAheadBatch {
  buffer: ArrayBuffer;
  ends: number[];
  /** By position in the batch: a file that could not be read, or one read through a link (its real path). */
  special: Record<number, { problem: FileProblem } | { path: string }>;
  /** By position in the batch, in order: the files read that are not all line feeds and printable ASCII. */
  notPrintable?: number[];
  done?: undefined;
}

const WORKER = new URL('./read-ahead-worker.js', import.meta.url);

/**
 * Whether reading ahead can run here: the worker script exists as JavaScript (it does in the built package;
 * tests that run the TypeScript sources directly read on their own thread).
 */
export function canReadAhead(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/** A worker started before the list of files is known: its start-up overlaps the caller's listing. */
export interface ReadAhead {
  /** Reads these files (once per worker); see readAhead. */
  read(root: string, files: readonly AheadFile[], options?: BatchOptions): AsyncGenerator<FileRead[]>;
  /**
   * Lists the dataset `dir` on the worker, exactly as listDatasetFiles does here (a UsageError if it is not
   * one), and reads every file listed, in order, but topics.yaml: that one is left to the caller, which
   * knows its name without a list and can read it while the worker lists. Listing 100k files and joining
   * them into a message would cost the caller's thread about a third of a second.
   */
  listAndRead(
    dir: string,
    options?: BatchOptions,
  ): Promise<{ list: ListedFile[]; batches: AsyncGenerator<FileRead[]> }>;
  /** Stops the worker, whether or not it was given anything to do. */
  stop(): Promise<void>;
}

/**
 * Starts the read-ahead worker with nothing to do yet. Starting a thread takes about a tenth of a second;
 * started first thing, it is ready by the time the caller has a list of files for it.
 */
export function startReadAhead(): ReadAhead {
  const flow = new SharedArrayBuffer(4);
  const pending = new Int32Array(flow);
  const { port1: returns, port2: giveBack } = new MessageChannel();
  const start: ReadAheadStart = { flow };
  const worker = new Worker(WORKER, { workerData: { ...start, returns }, transferList: [returns] });
  type Message = ReadAheadBatch | ListedMessage | { done: true };
  const queue: Message[] = [];
  let failure: unknown;
  let finished = false;
  let stopped = false;
  let given = false;
  let wake: (() => void) | undefined;
  worker.on('message', (message: Message) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (!finished && failure === undefined)
      failure = new Error(`the read-ahead worker stopped (exit code ${code}) before reading every file`);
    wake?.();
  });
  // Not waited for until given something: a worker that never is must not keep the process alive.
  worker.unref();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    giveBack.close();
    if (!finished) {
      finished = true;
      await worker.terminate();
    }
  };
  const give = (task: ReadAheadTask) => {
    if (stopped) throw new Error('the read-ahead worker was stopped');
    if (given) throw new Error('the read-ahead worker reads one set of files');
    given = true;
    worker.ref();
    worker.postMessage(task);
  };
  async function receive(): Promise<Message> {
    while (queue.length === 0) {
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    return queue.shift()!;
  }

  /** The batches of `count` files; `pathOf` gives each one's path (a batch says only where a link led). */
  async function* batches(count: number, pathOf: (index: number) => string): AsyncGenerator<FileRead[]> {
    try {
      let read = 0;
      for (;;) {
        const message = await receive();
        if ('done' in message && message.done) {
          if (read !== count) throw new Error(`the read-ahead worker read ${read} of ${count} files`);
          finished = true;
          return;
        }
        if (!('buffer' in message)) throw new Error('the read-ahead worker sent a list twice');
        const bytes = new Uint8Array(message.buffer);
        const batch: FileRead[] = [];
        let start = 0;
        let next = 0;
        const notPrintable = message.notPrintable ?? [];
        message.ends.forEach((end, i) => {
          const special = message.special[i];
          const printableAscii = notPrintable[next] !== i;
          if (!printableAscii) next++;
          if (special && 'problem' in special) batch.push({ problem: special.problem });
          else
            batch.push({
              bytes: Buffer.from(bytes.buffer, start, end - start),
              path: special?.path ?? pathOf(read + i),
              printableAscii,
            });
          start = end;
        });
        read += batch.length;
        yield batch;
        // Given back before the count goes down, so the worker finds it when it wakes.
        giveBack.postMessage(message.buffer, [message.buffer]);
        Atomics.sub(pending, 0, 1);
        Atomics.notify(pending, 0);
      }
    } finally {
      await stop();
    }
  }

  const cut = (options: BatchOptions) => ({
    batchBytes: options.batchBytes ?? 1 << 20,
    inFlight: options.inFlight ?? 4,
  });

  async function* read(
    root: string,
    files: readonly AheadFile[],
    options: BatchOptions = {},
  ): AsyncGenerator<FileRead[]> {
    give({
      root,
      paths: files.map(({ path }) => path).join('\0'),
      limits: Float64Array.from(files, ({ limit }) => limit),
      ...cut(options),
    });
    yield* batches(files.length, (index) => files[index]!.path);
  }

  async function listAndRead(dir: string, options: BatchOptions = {}) {
    give({ list: dir, ...cut(options) });
    let message: Message;
    try {
      message = await receive();
    } catch (error) {
      await stop();
      throw error;
    }
    if (!('listed' in message)) {
      await stop();
      if ('listFailed' in message) {
        const { usage, message: text } = message.listFailed;
        throw usage ? new UsageError(text) : new Error(text);
      }
      throw new Error('the read-ahead worker sent files before their list');
    }
    const split = (names: string) => (names === '' ? [] : names.split('\0'));
    const list = filesOf(split(message.listed.entries), split(message.listed.notes));
    const read = list.filter(({ kind }) => kind !== 'topics');
    return { list, batches: batches(read.length, (index) => `${dir}/${read[index]!.file}`) };
  }

  return { read, listAndRead, stop };
}

/**
 * Reads the files on a worker thread, in order, and yields them in batches as they are read: each one's
 * bytes or the problem that stopped it being read, exactly as `readDataFile` gives them. The bytes are
 * views of a buffer that goes back to the worker when the caller asks for the next batch: use them (decode,
 * hash) before that, never keep them.
 */
export function readAhead(
  root: string,
  files: readonly AheadFile[],
  options: BatchOptions = {},
): AsyncGenerator<FileRead[]> {
  return startReadAhead().read(root, files, options);
}
