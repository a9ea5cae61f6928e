// Site benchmark (packages/site), on synthetic data built by the data package like the real one:
//   1. build the site for 5,000 entries (target: under 15 s), median of several builds;
//   2. the home page as transferred with gzip, everything it loads included (target: under 100 kB);
//   3. the search index for 5,000 entries, gzipped (target: under 1 MB);
//   4. a search in Chromium at 5,000 entries, from the query to the first results on screen (target: under
//      50 ms), median per query over repeated runs.
// Run: npm run build && node bench/site.bench.mjs [entries] [builds]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { defaultCacheFile } from '../packages/data/scripts/lib/citations.mjs';
import { startServer } from '../packages/site/lib/server/serve.js';
import { generateDataset } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const dataPackage = join(root, 'packages', 'data');
const siteCli = join(root, 'packages', 'site', 'lib', 'cli.js');
const count = Number(process.argv[2] ?? 5_000);
const builds = Number(process.argv[3] ?? 5);
const TARGETS = { buildMs: 15_000, homeBytes: 100 * 1024, indexGzipBytes: 1024 * 1024, searchMs: 50 };

if (!existsSync(siteCli)) {
  console.error('packages/site/lib/cli.js is missing: run `npm run build` first.');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`Chromium is not at ${chromiumPath}: install it or set CHROMIUM_PATH.`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'virtbib-site-bench-'));
const dataDir = join(work, 'data');
const publishedDir = join(work, 'published');
const siteDir = join(work, 'site');
process.on('exit', () => {
  rmSync(defaultCacheFile(dataPackage, dataDir), { force: true });
  rmSync(work, { recursive: true, force: true });
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (t) => `${t.toFixed(t < 10 ? 2 : 0)} ms`;
const ratio = (value, target) => `${(value / target).toFixed(2)} of the target`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `site benchmark: ${count.toLocaleString('en-US')} entries, ${availableParallelism()} cores, node ${process.version}, load ${load()}`,
);

// The published files of a synthetic dataset, made by the data package's own build (not measured here:
// bench/data-build.bench.mjs does that).
generateDataset(dataDir, count);
execFileSync(
  process.execPath,
  [join(dataPackage, 'scripts', 'build.mjs'), '--data', dataDir, '--out', publishedDir],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);

// 1. Site builds, each in a fresh process, as `npm run build` runs it.
const runs = [];
for (let i = 0; i < builds; i++) {
  const started = performance.now();
  const stdout = execFileSync(
    process.execPath,
    [siteCli, 'build', '--data', publishedDir, '--out', siteDir, '--timings'],
    { encoding: 'utf8' },
  );
  runs.push({ wallMs: performance.now() - started, ...JSON.parse(stdout.trim().split('\n').at(-1)) });
}
const buildMs = median(runs.map((r) => r.wallMs));
console.log(
  `build: median ${ms(buildMs)} of ${builds} (${runs.map((r) => Math.round(r.wallMs)).join(', ')} ms); ` +
    `stages (median): load ${ms(median(runs.map((r) => r.loadMs)))}, render ${ms(median(runs.map((r) => r.renderMs)))}, ` +
    `write ${ms(median(runs.map((r) => r.writeMs)))}; ${runs[0].files.toLocaleString('en-US')} files; ${ratio(buildMs, TARGETS.buildMs)}`,
);

// 3. The search index, gzipped as GitHub Pages serves it.
const indexFile = readdirSync(join(siteDir, 'assets')).find((f) => f.startsWith('search-index.'));
const index = readFileSync(join(siteDir, 'assets', indexFile));
const indexGzip = gzipSync(index).length;
console.log(
  `search index: ${kB(index.length)}, ${kB(indexGzip)} gzipped; ${ratio(indexGzip, TARGETS.indexGzipBytes)}`,
);

// 2 and 4, in Chromium, with the site served over loopback with gzip.
const server = await startServer({ root: siteDir, basePath: '/virtbib/', host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();

  // 2. Everything the home page loads, as transferred (headers excluded, so the figure is the bodies').
  await page.goto(server.url, { waitUntil: 'load' });
  const home = await page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ];
    return entries.map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
  });
  const homeBytes = home.filter((r) => !r.name.includes('search-index')).reduce((n, r) => n + r.encoded, 0);
  const homeRaw = home.reduce((n, r) => n + r.decoded, 0);
  console.log(
    `home page: ${kB(homeBytes)} transferred (${home.length} requests, ${kB(homeRaw)} uncompressed); ${ratio(homeBytes, TARGETS.homeBytes)}`,
  );

  // 4. Searches: the time from a query to its first results on screen, as when typing (the page's own
  //    handler, run synchronously), after one warm-up run each.
  const started = performance.now();
  await page.goto(`${server.url}search.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.virtbibSearch?.ready === true);
  console.log(`search page ready (index loaded) in ${ms(performance.now() - started)}`);
  const queries = [
    'memory',
    'virt',
    'Waldspurger',
    'live migration',
    'scheduling cloud 2003',
    'isolatoin',
    'nothing-matches-this',
    '',
  ];
  const repeats = 15;
  const times = await page.evaluate(
    ({ queries, repeats }) =>
      queries.map((q) => {
        window.virtbibSearch.run(q);
        const samples = [];
        let results = 0;
        for (let i = 0; i < repeats; i++) {
          const t0 = performance.now();
          results = window.virtbibSearch.run(q);
          void document.body.offsetHeight; // and the layout of the results
          samples.push(performance.now() - t0);
        }
        samples.sort((a, b) => a - b);
        return { q, results, median: samples[Math.floor(samples.length / 2)], max: samples.at(-1) };
      }),
    { queries, repeats },
  );
  for (const t of times)
    console.log(
      `  search ${JSON.stringify(t.q).padEnd(24)} ${String(t.results).padStart(5)} results  median ${ms(t.median).padStart(9)}  max ${ms(t.max)}`,
    );
  const worst = Math.max(...times.map((t) => t.median));
  console.log(`search: slowest median ${ms(worst)}; ${ratio(worst, TARGETS.searchMs)}`);
} finally {
  await browser.close();
  await server.close();
}
console.log(`load ${load()}`);
