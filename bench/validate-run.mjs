// One measured validation run, in its own process so peak memory belongs to it alone.
//   node bench/validate-run.mjs <dir> [threads]
import { validateDataset } from '@virtbib/schema';

const [dir, threads] = process.argv.slice(2);
const start = performance.now();
const result = await validateDataset(dir, { threads: threads ? Number(threads) : 1 });
const wallMs = performance.now() - start;
console.log(
  JSON.stringify({
    files: result.fileCount,
    diagnostics: result.diagnostics.length,
    wallMs,
    ...result.timings,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
