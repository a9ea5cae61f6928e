// CLI start-up benchmark: `virtbib --help` and `virtbib --version` against `node -e 0` (issue 12, target 2:
// within 50 ms of it). Each round runs the baseline and every command once, in an order that alternates
// between rounds, so that a burst of load on a shared machine hits both sides of a pair. Figures are medians
// of the rounds, with the spread (25th to 75th percentile); the overhead is the median of the per-round
// differences, so that it is paired. A few command help screens show what loading a command costs.
// Run: npm run build && node bench/startup.bench.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../packages/checker/bin/virtbib.js', import.meta.url));
const rounds = Number(process.argv[2] ?? 40);
const TARGET_MS = 50;

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'virtbib --help', args: [bin, '--help'], target: true },
  { name: 'virtbib --version', args: [bin, '--version'], target: true },
  { name: 'virtbib validate --help', args: [bin, 'validate', '--help'] },
  { name: 'virtbib check --help', args: [bin, 'check', '--help'] },
];

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
};
const median = (values) => quantile(values, 0.5);

// One unmeasured round warms the file-system cache for every case.
for (const c of cases) time(c.args);
const samples = cases.map(() => []);
for (let round = 0; round < rounds; round++) {
  const order = cases.map((_, i) => i);
  if (round % 2 === 1) order.reverse();
  for (const i of order) samples[i].push(time(cases[i].args));
}

console.log(
  `start-up benchmark: ${rounds} alternated rounds, ${availableParallelism()} cores, node ${process.version}`,
);
console.log('case                        median ms   p25-p75 ms    over node -e 0 (paired)   ratio');
const base = samples[0];
let pass = true;
for (const [i, c] of cases.entries()) {
  const s = samples[i];
  const spread = `${quantile(s, 0.25).toFixed(1)}-${quantile(s, 0.75).toFixed(1)}`;
  const line = `${c.name.padEnd(26)} ${median(s).toFixed(1).padStart(10)} ${spread.padStart(13)}`;
  if (i === 0) {
    console.log(line);
    continue;
  }
  const over = median(s.map((v, round) => v - base[round]));
  const ratio = median(s) / median(base);
  const verdict = c.target
    ? over <= TARGET_MS
      ? '  (target <= 50 ms: met)'
      : '  (target <= 50 ms: MISSED)'
    : '';
  if (c.target && over > TARGET_MS) pass = false;
  console.log(`${line} ${`+${over.toFixed(1)} ms`.padStart(26)} ${ratio.toFixed(2).padStart(7)}x${verdict}`);
}
process.exitCode = pass ? 0 : 1;
