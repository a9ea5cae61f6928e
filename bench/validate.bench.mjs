// Validation benchmark: parse, schema and lint time and peak memory for 1k, 10k and 100k entries.
// Targets (issue 2): 100k validated in under 5 s on 2 cores; schema + lints no slower than parsing;
// 100k / 10k under 12x. Run: npm run build && node bench/validate.bench.mjs [sizes...]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const sizes = process.argv.slice(2).map(Number);
const runs = sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];

function dataset(count) {
  const dir = join(here, '.work', `validate-${count}`);
  const have = existsSync(join(dir, 'entries')) ? readdirSync(join(dir, 'entries')).length : 0;
  if (have !== count) generateDataset(dir, count);
  return dir;
}

function measure(dir) {
  // Two runs, keep the faster: the first may pay for a cold file-system cache.
  const once = () =>
    JSON.parse(execFileSync(process.execPath, [join(here, 'validate-run.mjs'), dir], { encoding: 'utf8' }));
  const a = once();
  const b = once();
  return a.wallMs <= b.wallMs ? a : b;
}

console.log(`validate benchmark on ${availableParallelism()} cores, node ${process.version}`);
console.log('entries   wall ms   read+parse ms   schema ms   lint ms   (schema+lint)/parse   peak MB');
const results = new Map();
for (const count of runs) {
  const r = measure(dataset(count));
  if (r.diagnostics !== 0) throw new Error(`synthetic dataset of ${count} has ${r.diagnostics} findings`);
  results.set(count, r);
  const ratio = (r.schemaMs + r.lintMs) / r.readParseMs;
  console.log(
    `${String(count).padStart(7)} ${r.wallMs.toFixed(0).padStart(9)} ${r.readParseMs.toFixed(0).padStart(15)} ` +
      `${r.schemaMs.toFixed(0).padStart(11)} ${r.lintMs.toFixed(0).padStart(9)} ${ratio.toFixed(2).padStart(21)} ` +
      `${r.maxRssMB.toFixed(0).padStart(9)}`,
  );
}
const largest = Math.max(...runs);
const parallel = measure(dataset(largest), 2);
console.log(
  `${largest} entries on 2 worker threads: ${parallel.wallMs.toFixed(0)} ms wall ` +
    `(${(parallel.wallMs / results.get(largest).wallMs).toFixed(2)}x the single-threaded time; ` +
    'read+parse and schema summed over both threads: ' +
    `${parallel.readParseMs.toFixed(0)} and ${parallel.schemaMs.toFixed(0)} ms)`,
);
if (results.has(10_000) && results.has(100_000)) {
  const growth = results.get(100_000).wallMs / results.get(10_000).wallMs;
  console.log(`growth 100k / 10k: ${growth.toFixed(2)}x (target < 12x)`);
}
if (results.has(100_000)) {
  const wall = results.get(100_000).wallMs / 1000;
  console.log(`100k entries: ${wall.toFixed(2)} s (target < 5 s)`);
}
