import { Worker } from 'node:worker_threads';
import type { LoadedFile, Timings } from './dataset.js';
import type { FileKind } from './schema-order.js';

/**
 * Loads files on worker threads: reading, YAML parsing and schema checks are per-file and dominate the cost
 * of a large dataset, while lint rules need the whole dataset and run on the main thread afterwards.
 * Files are split into contiguous chunks so the result keeps the input order.
 */
export async function loadFilesInWorkers(
  dir: string,
  list: readonly { kind: FileKind; file: string }[],
  threads: number,
  timings: Timings,
): Promise<LoadedFile[]> {
  const size = Math.ceil(list.length / threads);
  const chunks = Array.from({ length: threads }, (_, i) => list.slice(i * size, (i + 1) * size));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<{ files: LoadedFile[]; timings: Timings }>((resolve, reject) => {
          const worker = new Worker(new URL('./load-worker.js', import.meta.url), {
            workerData: { dir, chunk },
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
  }
  return results.flatMap((r) => r.files);
}
