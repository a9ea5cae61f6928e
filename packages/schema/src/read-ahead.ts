import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
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

/**
 * What the worker is asked to read, in one message. The paths travel as one string and the limits as one
 * typed array: copying 100k small objects to another thread costs about a tenth of a second, these a few ms.
 */
export interface ReadAheadTask {
  root: string;
  /** The paths, separated by NUL (which no path holds). */
  paths: string;
  limits: Float64Array;
  batchBytes: number;
  inFlight: number;
}

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
  read(
    root: string,
    files: readonly AheadFile[],
    options?: { batchBytes?: number; inFlight?: number },
  ): AsyncGenerator<FileRead[]>;
  /** Stops the worker, whether or not it was given files. */
  stop(): Promise<void>;
}

/**
 * Starts the read-ahead worker with nothing to read yet. Starting a thread takes about a tenth of a second;
 * started first thing, it is ready by the time the caller has listed 100k files.
 */
export function startReadAhead(): ReadAhead {
  const flow = new SharedArrayBuffer(4);
  const pending = new Int32Array(flow);
  const { port1: returns, port2: giveBack } = new MessageChannel();
  const start: ReadAheadStart = { flow };
  const worker = new Worker(WORKER, { workerData: { ...start, returns }, transferList: [returns] });
  const queue: (ReadAheadBatch | { done: true })[] = [];
  let failure: unknown;
  let finished = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  worker.on('message', (message: ReadAheadBatch | { done: true }) => {
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
  // Not waited for until asked: a worker that is never given files must not keep the process alive.
  worker.unref();
  const stop = async () => {
    giveBack.close();
    if (stopped) return;
    stopped = true;
    if (!finished) {
      finished = true;
      await worker.terminate();
    }
  };

  async function* read(
    root: string,
    files: readonly AheadFile[],
    options: { batchBytes?: number; inFlight?: number } = {},
  ): AsyncGenerator<FileRead[]> {
    if (stopped) throw new Error('the read-ahead worker was stopped');
    const task: ReadAheadTask = {
      root,
      paths: files.map(({ path }) => path).join('\0'),
      limits: Float64Array.from(files, ({ limit }) => limit),
      batchBytes: options.batchBytes ?? 1 << 20,
      inFlight: options.inFlight ?? 4,
    };
    worker.ref();
    worker.postMessage(task);
    try {
      let read = 0;
      for (;;) {
        while (queue.length === 0) {
          if (failure !== undefined) throw failure;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const message = queue.shift()!;
        if (message.done) {
          if (read !== files.length)
            throw new Error(`the read-ahead worker read ${read} of ${files.length} files`);
          finished = true;
          return;
        }
        const bytes = new Uint8Array(message.buffer);
        const batch: FileRead[] = [];
        let start = 0;
        let next = 0;
        const notPrintable = message.notPrintable ?? [];
        message.ends.forEach((end, i) => {
          const special = message.special[i];
          const path = files[read + i]!.path;
          const printableAscii = notPrintable[next] !== i;
          if (!printableAscii) next++;
          if (special && 'problem' in special) batch.push({ problem: special.problem });
          else
            batch.push({
              bytes: Buffer.from(bytes.buffer, start, end - start),
              path: special?.path ?? path,
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
  return { read, stop };
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
  options: { batchBytes?: number; inFlight?: number } = {},
): AsyncGenerator<FileRead[]> {
  return startReadAhead().read(root, files, options);
}
