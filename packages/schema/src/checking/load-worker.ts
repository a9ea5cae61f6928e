import { parentPort, workerData } from 'node:worker_threads';
import type { Timings } from '../files/dataset.js';
import { selectRules } from '../lint/run.js';
import { checkFile } from './file-check.js';
import type { WorkerResult, WorkerTask } from './workers.js';

const { dir, chunk, only, keepData, hash, known } = workerData as WorkerTask;
const timings: Timings = { readParseMs: 0, schemaMs: 0, lintMs: 0 };
const selected = selectRules((code) => !only || only.includes(code));
const files: WorkerResult[] = chunk.map(({ kind, file }) => {
  const {
    fixable: _fixable,
    source: _source,
    ...result
  } = checkFile(dir, kind, file, {
    selected,
    keepData,
    hash,
    unchanged: (h) => known[file] === h,
    timings,
  });
  return result;
});
// One JSON string crosses the thread boundary faster than the structured clone of many small objects.
parentPort?.postMessage(JSON.stringify({ files, timings }));
