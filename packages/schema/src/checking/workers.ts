import { Worker } from 'node:worker_threads';
import type { Timings } from '../files/dataset.js';
import type { FileResult } from './file-check.js';
import type { FileKind } from './schema-order.js';

/** What a worker is asked to do: check these files, as validate would on its own thread. */
export interface WorkerTask {
  dir: string;
  chunk: { kind: FileKind; file: string }[];
  only?: readonly string[];
  keepData: boolean;
  hash: boolean;
  /** Hashes a cache already knows, by file: a file with the same bytes is not parsed again. */
  known: Record<string, string>;
}

export type WorkerResult = FileResult & { unchanged?: true };

/**
 * Checks files on worker threads: reading, parsing, the schema and the per-file rules are independent per
 * file and dominate the cost of a large dataset; only their small results (diagnostics and digests) come
 * back, and the cross-file rules run on the main thread. Files are split into contiguous chunks so the
 * results keep the input order.
 */
export async function checkFilesInWorkers(
  task: Omit<WorkerTask, 'chunk'>,
  list: readonly { kind: FileKind; file: string }[],
  threads: number,
  timings: Timings,
): Promise<WorkerResult[]> {
  const size = Math.ceil(list.length / threads);
  const chunks = Array.from({ length: threads }, (_, i) => list.slice(i * size, (i + 1) * size));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<{ files: WorkerResult[]; timings: Timings }>((resolve, reject) => {
          const worker = new Worker(new URL('./load-worker.js', import.meta.url), {
            workerData: { ...task, chunk } satisfies WorkerTask,
          });
          worker.once('message', (json: string) => resolve(JSON.parse(json)));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`validation worker exited with code ${code}`));
          });
        }),
    ),
  );
  for (const r of results) {
    timings.readParseMs += r.timings.readParseMs;
    timings.schemaMs += r.timings.schemaMs;
    timings.lintMs += r.timings.lintMs;
  }
  return results.flatMap((r) => r.files);
}
