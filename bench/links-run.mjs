// One measured run of the virtbib link checker on a URL list, in its own process so that CPU time and
// peak memory belong to it alone. It does what `virtbib check` does for a URL list: read the inputs,
// check, keep every result, build the report and serialize it (in pieces, as check writes it to a file).
//   node bench/links-run.mjs <urls.txt> <options.json>
import { readFileSync } from 'node:fs';
import { boundHeapGrowth, buildReport, LinkChecker, renderChunks, urlListInputs } from '@virtbib/checker';

const [file, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
// `virtbib check` bounds the old generation's growth before a run (heap-growth.ts): so does this stand-in.
boundHeapGrowth();
const start = performance.now();
const cpuStart = process.cpuUsage();
const inputs = urlListInputs(readFileSync(file, 'utf8'), file);
const results = [];
// Handed over one by one and let go of as they are grouped, as `virtbib check` does.
function* handOver(items) {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    items[i] = undefined;
    yield item;
  }
}
await new LinkChecker(options).run(handOver(inputs), (result) => results.push(result));
const report = buildReport(results, { durationMs: performance.now() - start, minFailures: 1 });
let reportBytes = 0;
for (const chunk of renderChunks(report, 'json')) reportBytes += chunk.length;
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    summary: report.summary,
    reportBytes,
  }),
);
