import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { type DatasetNames, LAYOUT, listDatasetNames, sizeLimit } from './dataset-files.js';
import type { ListedMessage, ReadAheadBatch, ReadAheadStart, ReadAheadTask } from './read-ahead.js';
import { isPrintableAscii, readDataFile } from './read-file.js';

// The worker side of read-ahead.ts: reads every file with readDataFile, as the calling thread would, and
// posts the bytes in batches. Batch buffers go back and forth: at most `inFlight` of them exist (and one
// more for a file larger than a batch), so the worker waits for one to come back before filling another.
// It starts before the caller knows what to read (read-ahead.ts, startReadAhead) and waits for one task.
const { flow, returns } = workerData as ReadAheadStart & { returns: MessagePort };
const pending = new Int32Array(flow);
let made = 0;
let batchBytes = 0;
let inFlight = 0;

/** A free batch buffer: a new one while fewer than `inFlight` exist, else one the caller gave back. */
function freeBuffer(): Uint8Array {
  if (made < inFlight) {
    made++;
    return new Uint8Array(batchBytes);
  }
  for (;;) {
    const waiting = Atomics.load(pending, 0);
    const back = receiveMessageOnPort(returns);
    // Only batch-sized buffers are used again; one made for a large file is dropped.
    if (back) {
      if ((back.message as ArrayBuffer).byteLength === batchBytes) return new Uint8Array(back.message);
      made--;
      return freeBuffer();
    }
    Atomics.wait(pending, 0, waiting);
  }
}

let buffer: Uint8Array;
let used = 0;
let ends: number[] = [];
let special: ReadAheadBatch['special'] = {};
let notPrintable: number[] | undefined;

function post(): void {
  if (ends.length === 0) return;
  Atomics.add(pending, 0, 1);
  // The buffer is handed over, not copied.
  const batch: ReadAheadBatch = { buffer: buffer.buffer as ArrayBuffer, ends, special, notPrintable };
  parentPort!.postMessage(batch, [buffer.buffer as ArrayBuffer]);
  buffer = freeBuffer();
  used = 0;
  ends = [];
  special = {};
  notPrintable = undefined;
}

parentPort!.once('message', (task: ReadAheadTask) => {
  ({ batchBytes, inFlight } = task);
  if ('list' in task) {
    const dir = task.list;
    let names: DatasetNames;
    try {
      names = listDatasetNames(dir);
    } catch (error) {
      const failed: ListedMessage = {
        listFailed: { usage: error instanceof UsageError, message: (error as Error).message },
      };
      parentPort!.postMessage(failed);
      return;
    }
    // The names as readdir gave them, joined with their folder in the separator: no path string is built
    // one by one for the message.
    const joined = (folder: string, list: readonly string[] = []) =>
      list.length === 0 ? '' : `${folder}/${list.join(`\0${folder}/`)}`;
    const listed: ListedMessage = {
      listed: { entries: joined(LAYOUT.entries, names.entries), notes: joined(LAYOUT.notes, names.notes) },
    };
    parentPort!.postMessage(listed);
    // topics.yaml is the caller's to read (see ReadAhead.listAndRead).
    const paths = [
      ...names.entries.map((name) => `${dir}/${LAYOUT.entries}/${name}`),
      ...(names.notes ?? []).map((name) => `${dir}/${LAYOUT.notes}/${name}`),
    ];
    const limits = new Float64Array(paths.length).fill(sizeLimit('entry'));
    limits.fill(sizeLimit('notes'), names.entries.length);
    readFiles(dir, paths, limits);
  } else readFiles(task.root, task.paths === '' ? [] : task.paths.split('\0'), task.limits);
});

function readFiles(root: string, paths: string[], limits: Float64Array): void {
  buffer = freeBuffer();
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const limit = limits[index]!;
    const read = readDataFile(path, root, limit);
    if ('problem' in read) {
      special[ends.length] = { problem: read.problem };
      ends.push(used);
      continue;
    }
    const size = read.bytes.length;
    if (used + size > buffer.length) {
      post();
      // A file larger than a batch (topics.yaml of a large dataset) gets a buffer of its own.
      if (size > buffer.length) {
        made++;
        buffer = new Uint8Array(size);
      }
    }
    buffer.set(read.bytes, used);
    used += size;
    if (read.path !== path) special[ends.length] = { path: read.path };
    // This thread has time to spare while the other parses: it looks at every byte, so that the other
    // need not search the text for tabs and control characters (most files are plain ASCII).
    if (!isPrintableAscii(read.bytes)) {
      notPrintable ??= [];
      notPrintable.push(ends.length);
    }
    ends.push(used);
  }
  post();
  parentPort!.postMessage({ done: true });
}
