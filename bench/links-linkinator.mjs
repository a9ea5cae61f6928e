// One measured run of linkinator (the comparison) on the same URLs: it checks the links of a page that
// lists them all, with the same global concurrency and no recursion.
//   node bench/links-linkinator.mjs <page url> <concurrency> <timeoutMs>
import { LinkChecker } from 'linkinator';

const [page, concurrency, timeout] = process.argv.slice(2);
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = await new LinkChecker().check({
  path: page,
  concurrency: Number(concurrency),
  timeout: Number(timeout),
  recurse: false,
});
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const counts = {};
for (const link of result.links) counts[link.state] = (counts[link.state] ?? 0) + 1;
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    counts,
  }),
);
