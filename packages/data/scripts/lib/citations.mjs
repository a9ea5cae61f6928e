// Pre-renders the APA citation of every entry, reusing earlier renders. A citation depends only on its CSL
// item, so it is cached under a hash of that item (plus the versions of everything that renders it); a
// rebuild after one entry changes renders one citation. Large batches are split across worker threads.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeIfChanged } from './write.mjs';

const require = createRequire(import.meta.url);

/** Below this many citations to render, starting a worker (and compiling the style again) costs more than it saves. */
export const WORKER_THRESHOLD = 400;

/** Changes whenever the output could: the renderer's code and the versions of the libraries under it. */
const RENDERER = createHash('sha256')
  .update(readFileSync(new URL('./apa.mjs', import.meta.url)))
  .update(
    [
      versionOf(require, '@citation-js/core'),
      versionOf(require, '@citation-js/plugin-csl'),
      // citeproc as plugin-csl resolves it, which is the copy that renders.
      versionOf(createRequire(require.resolve('@citation-js/plugin-csl/package.json')), 'citeproc'),
    ].join('|'),
  )
  .digest('hex');

function versionOf(from, name) {
  return `${name}@${JSON.parse(readFileSync(from.resolve(`${name}/package.json`), 'utf8')).version}`;
}

/** The cache key of a CSL item. */
export function citationKey(item) {
  return createHash('sha256').update(RENDERER).update(JSON.stringify(item)).digest('base64url');
}

/**
 * Renders `{ text, html }` for each item, by ID.
 * @param {object[]} items CSL items as rendered (see toRenderable)
 * @param {{ cacheFile?: string, threads?: number, workerThreshold?: number }} options without cacheFile,
 *   everything is rendered; with at least workerThreshold citations to render, the work is split across
 *   `threads` threads
 * @returns {Promise<{ citations: Map<string, { text: string, html: string }>, rendered: number, reused: number }>}
 */
export async function renderCitations(
  items,
  { cacheFile, threads = availableParallelism(), workerThreshold = WORKER_THRESHOLD } = {},
) {
  const cache = cacheFile ? readCache(cacheFile) : {};
  const keys = items.map(citationKey);
  const cached = (key) =>
    Object.hasOwn(cache, key) && typeof cache[key]?.text === 'string' && typeof cache[key]?.html === 'string';
  const missing = items.filter((_, i) => !cached(keys[i]));

  // Each thread compiles the style once (about half a second): split only when every slice is worth it.
  const useful = Math.min(threads, Math.floor(missing.length / Math.max(1, Math.floor(workerThreshold / 2))));
  const fresh = await renderMissing(missing, missing.length >= workerThreshold ? Math.max(1, useful) : 1);
  const byId = new Map(fresh.map((c) => [c.id, c]));

  const citations = new Map();
  const next = {};
  items.forEach((item, i) => {
    const key = keys[i];
    const hit = cached(key) ? cache[key] : byId.get(item.id);
    const value = { text: hit.text, html: hit.html };
    citations.set(item.id, value);
    next[key] = value;
  });
  // The cache keeps exactly the citations of this build, so it never grows beyond the dataset.
  if (cacheFile) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeIfChanged(cacheFile, JSON.stringify(next));
  }
  return { citations, rendered: missing.length, reused: items.length - missing.length };
}

function readCache(file) {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? data : {};
  } catch {
    return {};
  }
}

/** Renders on this thread, or in equal slices: this thread renders the first, worker threads the others. */
async function renderMissing(items, threads) {
  if (items.length === 0) return [];
  const { renderApa } = await import('./apa.mjs');
  if (threads < 2) return renderApa(items);
  const size = Math.ceil(items.length / threads);
  const slices = Array.from({ length: threads }, (_, i) => items.slice(i * size, (i + 1) * size));
  const remote = slices.slice(1).map(renderInWorker);
  // Every worker settles before this returns or throws, so none is left running.
  let own;
  try {
    own = renderApa(slices[0]);
  } catch (error) {
    await Promise.allSettled(remote);
    throw error;
  }
  const results = await Promise.allSettled(remote);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return [own, ...results.map((r) => r.value)].flat();
}

function renderInWorker(items) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./apa-worker.mjs', import.meta.url), { workerData: { items } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`A citation worker exited with code ${code}.`));
    });
  });
}

/** Where the cache of a dataset lives: one file per dataset directory, under node_modules/.cache. */
export function defaultCacheFile(packageDir, dataDir) {
  const name = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return join(packageDir, 'node_modules', '.cache', 'virtbib-citations', `${name}.json`);
}
