// The floor of the machine: a bare undici loop that keeps `concurrency` HEAD requests in flight over the
// same URLs and does nothing else (no politeness, no classification, no report). Whatever separates it
// from the lower bound is the machine (loopback network, the server process, the event loop), not the
// checker; whatever separates the checker from it is the checker. It sends the same request as the
// checker: the headers below are virtbib's defaults (src/links/setup/options.ts), which any link checker must
// send (a request without a User-Agent is refused by many sites); sending none would count undici's work
// on them as the checker's.
//   node bench/links-floor.mjs <urls.txt> <concurrency> <connections per host>
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

const [file, concurrency, perHost] = process.argv.slice(2);
const headers = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'virtbib-link-checker/1 (+https://github.com/virtbib/virtbib)',
};
const urls = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((u) => new URL(u));
const start = performance.now();
const cpuStart = process.cpuUsage();
const pools = new Map();
const pool = (url) => {
  let p = pools.get(url.origin);
  if (!p) {
    p = new Pool(url.origin, { connections: Number(perHost) });
    pools.set(url.origin, p);
  }
  return p;
};
const head = (url) =>
  new Promise((resolve, reject) =>
    pool(url).dispatch(
      { path: url.pathname, method: 'HEAD', reset: false, headers },
      {
        onResponseEnd: resolve,
        onResponseError: (_c, e) => reject(e),
        onRequestStart() {},
        onResponseStart() {},
        onResponseData() {},
      },
    ),
  );
let next = 0;
const worker = async () => {
  while (next < urls.length) await head(urls[next++]);
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
await Promise.all([...pools.values()].map((p) => p.destroy()));
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
