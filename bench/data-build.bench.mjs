// Data build benchmark (packages/data): full builds of synthetic datasets with a cold citation cache, the
// rebuild after one entry changes (warm cache), a rebuild with nothing changed, the time to import
// @virtbib/data (the real dataset) in a fresh process, and the size of the packed tarball.
// Targets: 5k entries built in under 20 s on 2 cores; one changed entry of 5k rebuilt in under 3 s;
// import('@virtbib/data') under 50 ms; tarball under 60 kB + 4 kB per entry (the bound of
// packages/data/test/consumer.test.ts: every entry is in seven published formats and its topics' files).
// Run: npm run build -w @virtbib/data && node bench/data-build.bench.mjs [sizes...]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheFile } from '../packages/data/scripts/lib/citations.mjs';
import { generateDataset } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const packageDir = join(root, 'packages', 'data');
const buildScript = join(packageDir, 'scripts', 'build.mjs');
const sizes = process.argv.slice(2).map(Number);
const runs = sizes.length > 0 ? sizes : [1_000, 5_000];

// Synthetic datasets and their outputs live in a temporary directory, removed at the end with the citation
// caches the builds made for them.
const work = mkdtempSync(join(tmpdir(), 'virtbib-data-bench-'));
const cleanup = () => {
  for (const count of runs)
    rmSync(defaultCacheFile(packageDir, join(work, `data-${count}`)), { force: true });
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanup);

/** One build in its own process; wall time measured from here, stage timings reported by the build. */
function build(dataDir, outDir) {
  const start = performance.now();
  const stdout = execFileSync(
    process.execPath,
    [buildScript, '--data', dataDir, '--out', outDir, '--timings'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const wallMs = performance.now() - start;
  return { wallMs, ...JSON.parse(stdout.trim().split('\n').at(-1)) };
}

/** Changes one entry's title, builds, and puts the file back. */
function buildAfterOneChange(dataDir, outDir) {
  const file = join(dataDir, 'entries', readdirSync(join(dataDir, 'entries')).sort()[0]);
  const original = readFileSync(file, 'utf8');
  // Inside the quotes when the title is quoted (generate.mjs quotes titles with a colon).
  const revised = original.replace(/^title: (.*)$/m, (_, title) =>
    title.startsWith('"') ? `title: ${title.slice(0, -1)} (revised)"` : `title: ${title} (revised)`,
  );
  if (revised === original) throw new Error(`no title line to change in ${file}`);
  writeFileSync(file, revised);
  try {
    return build(dataDir, outDir);
  } finally {
    writeFileSync(file, original);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

// Other work on the machine skews every figure: the load average is printed before and after.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `data build benchmark on ${availableParallelism()} cores, node ${process.version}, load ${load()}`,
);
console.log(
  'entries   full build (cold)   one entry changed   nothing changed   citations rendered (full / change)',
);
const results = new Map();
for (const count of runs) {
  const dataDir = generateDataset(join(work, `data-${count}`), count);
  const outDir = join(work, `data-${count}-out`);
  const full = build(dataDir, outDir);
  const same = build(dataDir, outDir);
  const change = buildAfterOneChange(dataDir, outDir);
  results.set(count, { full, change, same });
  console.log(
    `${String(count).padStart(7)} ${s(full.wallMs).padStart(19)} ${s(change.wallMs).padStart(19)} ` +
      `${s(same.wallMs).padStart(17)}   ${full.rendered} / ${change.rendered}`,
  );
  const { validate, citations, publish, serialize, write } = full;
  console.log(
    `          full build stages (ms): ${JSON.stringify({ validate, citations, publish, serialize, write })}`,
  );
  const c = change;
  const stages = {
    validate: c.validate,
    citations: c.citations,
    publish: c.publish,
    serialize: c.serialize,
    write: c.write,
  };
  console.log(`          one-change stages (ms): ${JSON.stringify(stages)}`);
}

// Importing the real dataset: the import() alone, in a fresh process each time (median of 7).
if (!existsSync(join(packageDir, 'dist', 'index.mjs'))) {
  execFileSync(process.execPath, [buildScript], { stdio: 'ignore' });
}
const timeIn = (code, type) =>
  Number(
    execFileSync(process.execPath, ['--input-type', type, '-e', code], {
      cwd: root,
      encoding: 'utf8',
    }).trim(),
  );
const esmCode =
  "const t = performance.now(); await import('@virtbib/data'); console.log(performance.now() - t);";
const cjsCode = "const t = performance.now(); require('@virtbib/data'); console.log(performance.now() - t);";
const importMs = median(Array.from({ length: 7 }, () => timeIn(esmCode, 'module')));
const requireMs = median(Array.from({ length: 7 }, () => timeIn(cjsCode, 'commonjs')));

// The tarball npm would publish.
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json'], {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
);

const entries = JSON.parse(readFileSync(join(packageDir, 'dist', 'bibliography.json'), 'utf8')).entries
  .length;
console.log('');
console.log(
  `import('@virtbib/data') of the real dataset (${entries} entries): ${importMs.toFixed(1)} ms (median of 7)`,
);
console.log(`require('@virtbib/data'): ${requireMs.toFixed(1)} ms (median of 7)`);
console.log(
  `packed tarball: ${(packed.size / 1024).toFixed(1)} kB (${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked)`,
);

console.log(`load average after the runs: ${load()}`);
console.log('');
const verdict = (ok) => (ok ? 'ok' : 'MISSED');
const biggest = Math.max(...results.keys());
const big = results.get(biggest);
if (results.has(1_000) && results.has(5_000)) {
  const ratio = results.get(5_000).full.wallMs / results.get(1_000).full.wallMs;
  console.log(`full build 5k / 1k: ${ratio.toFixed(2)}x (5x the entries)`);
}
console.log(`one change / full build at ${biggest}: ${(big.change.wallMs / big.full.wallMs).toFixed(3)}`);
if (results.has(5_000)) {
  const { full, change } = results.get(5_000);
  console.log(`5k full build: ${s(full.wallMs)} (target < 20 s) ${verdict(full.wallMs < 20_000)}`);
  console.log(`5k one entry changed: ${s(change.wallMs)} (target < 3 s) ${verdict(change.wallMs < 3_000)}`);
}
console.log(`import: ${importMs.toFixed(1)} ms (target < 50 ms) ${verdict(importMs < 50)}`);
const tarballBudget = (60 + 4 * entries) * 1024;
console.log(
  `tarball: ${(packed.size / 1024).toFixed(1)} kB, ${(packed.size / 1024 / entries).toFixed(2)} kB per entry ` +
    `(target < ${tarballBudget / 1024} kB) ${verdict(packed.size < tarballBudget)}`,
);
