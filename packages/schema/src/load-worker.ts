import { parentPort, workerData } from 'node:worker_threads';
import { type LoadedFile, loadFile, type Timings } from './dataset.js';
import type { FileKind } from './schema-order.js';

const { dir, chunk } = workerData as { dir: string; chunk: { kind: FileKind; file: string }[] };
const timings: Timings = { readParseMs: 0, schemaMs: 0, lintMs: 0 };
const files: LoadedFile[] = chunk.map(({ kind, file }) => loadFile(dir, kind, file, timings));
// One JSON string crosses the thread boundary faster than the structured clone of many small objects.
parentPort?.postMessage(JSON.stringify({ files, timings }));
