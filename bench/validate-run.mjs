// One measured run, in its own process so that its memory and CPU belong to it alone. Prints one JSON line.
//   node bench/validate-run.mjs <dir> [--threads N] [--cache FILE] [--read-ahead]
//                                   a validation, as `virtbib validate` does (--read-ahead: even on a small set)
//   node bench/validate-run.mjs <dir> --floor                        the Node read floor: read every file
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateDataset } from '@virtbib/schema';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    threads: { type: 'string', default: '1' },
    cache: { type: 'string' },
    floor: { type: 'boolean' },
    'read-ahead': { type: 'boolean' },
  },
});
const dir = positionals[0];
const start = performance.now();
let out;
if (values.floor) {
  // The least a validator must do: list the files and read each one, synchronously, as Node does best.
  let bytes = 0;
  for (const name of readdirSync(join(dir, 'entries')))
    bytes += readFileSync(join(dir, 'entries', name)).length;
  bytes += readFileSync(join(dir, 'topics.yaml')).length;
  out = { bytes };
} else {
  const result = await validateDataset(dir, {
    threads: Number(values.threads),
    keepData: false,
    ...(values.cache && { cache: values.cache }),
    ...(values['read-ahead'] && { readAhead: true }),
  });
  out = {
    files: result.fileCount,
    cached: result.cachedCount,
    diagnostics: result.diagnostics.length,
    // A fingerprint of everything reported, to show that every mode reports the same.
    reportHash: createHash('sha256')
      .update(JSON.stringify([result.diagnostics, result.notChecked]))
      .digest('hex')
      .slice(0, 16),
    ...result.timings,
  };
}
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    ...out,
    inProcessMs: performance.now() - start,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMB: usage.maxRSS / 1024,
  }),
);
