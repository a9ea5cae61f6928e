// Validation benchmark (issue 12, targets 1 and 4), on entries shaped like the real ones (bench/generate.mjs).
// Every figure is the median of paired runs, each run in its own process, with the spread (min-max), and
// each validation is paired with the Node read floor measured in the same round (list the files, read each
// one): on a busy machine absolute times drift, the ratio to the floor much less.
//   1a  100k entries validated, first run (no cache), in under 3 s;
//   1b  under 1 s with --cache when one file changed since the last run;
//   growth stays linear (100k / 10k near 10x); the same report in every mode (one thread, two threads,
//   cold and warm cache, on a dataset with findings of every kind); the worker-thread comparison.
// Run: npm run build && node bench/validate.bench.mjs [sizes...] [--pairs N] [--markdown]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const pairsArg = args.includes('--pairs') ? Number(args[args.indexOf('--pairs') + 1]) : undefined;
const markdown = args.includes('--markdown');
const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--pairs').map(Number);
const runs = sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];
const largest = Math.max(...runs);
const pairsFor = (count) => pairsArg ?? (count >= 100_000 ? 5 : count >= 10_000 ? 7 : 9);

function dataset(count) {
  const dir = join(here, '.work', `validate-${count}`);
  const have = existsSync(join(dir, 'entries')) ? readdirSync(join(dir, 'entries')).length : 0;
  if (have !== count) generateDataset(dir, count);
  return dir;
}

/** One run in a fresh process; the wall time is measured from outside, start-up included. */
function run(dir, ...flags) {
  const start = performance.now();
  const out = execFileSync(process.execPath, [join(here, 'validate-run.mjs'), dir, ...flags], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ...JSON.parse(out), wallMs: performance.now() - start };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => `${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))}`;
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ratio = (x) => `${x.toFixed(2)}x`;

/** Alternated pairs (a, b): the order flips each round so that neither side always runs on a warmer cache. */
function paired(count, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      as.push(a());
      bs.push(b());
    } else {
      bs.push(b());
      as.push(a());
    }
  }
  return { as, bs, ratios: as.map((x, i) => x.wallMs / bs[i].wallMs) };
}

function sameReport(results, what) {
  const hashes = new Set(results.map((r) => r.reportHash));
  if (hashes.size !== 1) throw new Error(`${what}: the runs reported different findings (${[...hashes]})`);
}

console.log(
  `validate benchmark: node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at start`,
);
console.log(
  `${'entries'.padStart(7)}  ${'validate (median, spread)'.padEnd(30)}${'Node read floor'.padEnd(28)}${'ratio to floor (spread)'.padEnd(26)}CPU      peak`,
);
const rows = new Map();
for (const count of runs) {
  const dir = dataset(count);
  const { as, bs, ratios } = paired(
    pairsFor(count),
    () => run(dir),
    () => run(dir, '--floor'),
  );
  if (as.some((r) => r.diagnostics !== 0)) throw new Error(`the synthetic set of ${count} has findings`);
  sameReport(as, `${count} entries`);
  const row = {
    count,
    wall: median(as.map((r) => r.wallMs)),
    wallSpread: spread(as.map((r) => r.wallMs)),
    floor: median(bs.map((r) => r.wallMs)),
    floorSpread: spread(bs.map((r) => r.wallMs)),
    ratio: median(ratios),
    ratioSpread: `${ratio(Math.min(...ratios))}-${ratio(Math.max(...ratios))}`,
    cpu: median(as.map((r) => r.cpuMs)),
    peak: median(as.map((r) => r.maxRssMB)),
  };
  rows.set(count, row);
  console.log(
    `${String(count).padStart(7)}  ${`${fmt(row.wall)} (${row.wallSpread})`.padEnd(30)}` +
      `${`${fmt(row.floor)} (${row.floorSpread})`.padEnd(28)}` +
      `${`${ratio(row.ratio)} (${row.ratioSpread})`.padEnd(26)}` +
      `${fmt(row.cpu).padEnd(8)} ${row.peak.toFixed(0)} MB`,
  );
}

// The worker-thread comparison, on the largest set: the thread count really is passed this time.
const big = dataset(largest);
const threads = paired(
  pairsFor(largest),
  () => run(big, '--threads', '2'),
  () => run(big, '--threads', '1'),
);
sameReport([...threads.as, ...threads.bs], 'one and two threads');

// The cache: a cold run writes it; then, each round, one file changes and a warm run is paired with the floor.
const cacheFile = join(here, '.work', `validate-cache-${largest}.json`);
rmSync(cacheFile, { force: true });
const cold = run(big, '--cache', cacheFile);
const changed = join(big, 'entries', readdirSync(join(big, 'entries'))[0]);
const original = readFileSync(changed, 'utf8');
let round = 0;
const warm = paired(
  pairsFor(largest),
  () => {
    round++;
    // A real edit: the annotation changes, so the file is read, parsed and checked again.
    writeFileSync(changed, original.replace('annotation: >-\n', `annotation: >-\n  Edit ${round}.`));
    const r = run(big, '--cache', cacheFile);
    if (r.cached !== r.files - 1)
      throw new Error(`expected all but one file from the cache, got ${r.cached}`);
    return r;
  },
  () => run(big, '--floor'),
);
writeFileSync(changed, original);
const back = run(big, '--cache', cacheFile);
sameReport([cold, back, run(big)], 'cold and warm cache');

// The same report in every mode, on a dataset with findings of every kind (read, schema, per-file and
// cross-file rules, waivers, files the fast parser leaves to js-yaml).
const faults = faultyDataset();
const modes = [
  run(faults),
  run(faults, '--threads', '2'),
  (() => {
    rmSync(join(faults, 'cache.json'), { force: true });
    return run(faults, '--cache', join(faults, 'cache.json'));
  })(),
  run(faults, '--cache', join(faults, 'cache.json')),
  // Listed and read on the read-ahead worker, as a large set is.
  run(faults, '--read-ahead'),
];
sameReport(modes, 'one thread, two threads, cold and warm cache, read ahead on the faulty set');

const t = (count) => rows.get(count);
const wall = t(largest);
const warmWall = median(warm.as.map((r) => r.wallMs));
const warmFloor = median(warm.bs.map((r) => r.wallMs));
const threadRatio = median(threads.ratios);
console.log('');
console.log(
  `target 1a  ${largest} entries, first run, no cache: ${fmt(wall.wall)} (spread ${wall.wallSpread}); ` +
    `target < 3 s: ${ratio(wall.wall / 3000)} of it; ${ratio(wall.ratio)} the Node read floor of ${fmt(wall.floor)}`,
);
console.log(
  `target 1b  one file changed, --cache: ${fmt(warmWall)} (spread ${spread(warm.as.map((r) => r.wallMs))}); ` +
    `target < 1 s: ${ratio(warmWall / 1000)} of it; ${ratio(median(warm.ratios))} the read floor of ${fmt(warmFloor)}; ` +
    `cold run writing the cache: ${fmt(cold.wallMs)}; cache file ${(readFileSize(cacheFile) / 1e6).toFixed(1)} MB`,
);
if (t(10_000) && t(100_000))
  console.log(
    `growth     100k / 10k: ${ratio(t(100_000).wall / t(10_000).wall)} wall, ${ratio(t(100_000).cpu / t(10_000).cpu)} CPU (linear: 10x)`,
  );
console.log(
  `threads    two threads (the main one and a worker) / one, at ${largest}: ${ratio(threadRatio)} ` +
    `(spread ${ratio(Math.min(...threads.ratios))}-${ratio(Math.max(...threads.ratios))}); validate runs on one thread by default`,
);
console.log(
  `identical  every mode reported the same ${modes[0].diagnostics} findings on the faulty set (${modes[0].reportHash})`,
);

if (markdown) {
  console.log('\n| entries | validate | Node read floor | ratio to floor | CPU | peak memory |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows.values())
    console.log(
      `| ${r.count.toLocaleString('en')} | ${fmt(r.wall)} (${r.wallSpread}) | ${fmt(r.floor)} | ${ratio(r.ratio)} (${r.ratioSpread}) | ${fmt(r.cpu)} | ${r.peak.toFixed(0)} MB |`,
    );
  console.log(
    `| ${largest.toLocaleString('en')}, one file changed, \`--cache\` | ${fmt(warmWall)} | ${fmt(warmFloor)} | ${ratio(median(warm.ratios))} | | |`,
  );
}

function readFileSize(path) {
  return readFileSync(path).length;
}

/** A copy of the 1k set with one fault of each kind the loader and the rules report. */
function faultyDataset() {
  const dir = join(here, '.work', 'validate-faults');
  rmSync(dir, { recursive: true, force: true });
  cpSync(dataset(1_000), dir, { recursive: true });
  const names = readdirSync(join(dir, 'entries')).sort();
  const edit = (i, change) => {
    const path = join(dir, 'entries', names[i]);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  };
  edit(0, (t) => t.replace(/^type: .*\n/m, '')); // schema-required
  edit(1, (t) => t.replace(/^year: /m, 'jornal: x\nyear: ')); // schema-unknown-field (and key order)
  edit(2, (t) => t.replace(/^title: .*/m, 'title: [unclosed')); // yaml-syntax: not loaded, references not checked
  edit(3, (t) => t.replace(/^urls:\n {2}landing: https/m, 'urls:\n  landing: http')); // url-https warning
  edit(4, (t) => t.replace(/^month: .*/m, 'month: 1\nmonth: 2')); // yaml-duplicate-key
  edit(5, (t) => `\uFEFF${t}`); // bom
  edit(6, (t) => t.replace(/^ {4}given: /m, '\tgiven: ')); // no-tabs
  edit(7, (t) => t.replace(/^added: .*\n/m, '').replace(/^id: /m, 'added: 2026-01-01\nid: ')); // key order
  edit(8, (t) => t.replace(/^year: \d+/m, 'year: 1850')); // year-range
  edit(9, (t) => t.replace(/^topics: \[\w+\]/m, 'topics: [nowhere]')); // topic-exists
  edit(10, (t) => t.replace(/^id: (.*)/m, 'id: $1-renamed')); // filename-id, reading order
  edit(11, (t) => `${t}# a comment the fast parser leaves to js-yaml\n`);
  edit(12, (t) => t.replace(/\n$/, '\n\n')); // canonical-format: two final newlines
  const doi = readFileSync(join(dir, 'entries', names[20]), 'utf8').match(/^doi: (.*)/m)?.[1];
  if (doi) edit(21, (t) => t.replace(/^doi: .*/m, `doi: ${doi}`)); // duplicate-doi, both sides
  writeFileSync(join(dir, 'entries', 'zz-empty.yaml'), ''); // file-empty
  return dir;
}
