// Link checker benchmark: N URLs over 100 loopback hosts, each response 20 ms late, served by a separate
// process. Reports wall time, CPU time and peak memory of `virtbib check`'s engine against the lower bound
// its politeness limits allow, and the same figures for linkinator on the same URLs, all from one run.
// Targets: within 1.3x of the bound, faster than linkinator, under 200 MB for 10k URLs, 400 MB for 100k.
//   npm run build && node bench/links.bench.mjs [count=10000] [--concurrency 100] [--host-concurrency 4]
//     [--no-linkinator]      (100000 for the large mode)
import { execFile, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const count = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 10_000);
const withLinkinator = !args.includes('--no-linkinator');
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const HOSTS = 100;
const LATENCY_MS = 20;
// The settings compared: the same global concurrency for both tools (linkinator's default is 100), and a
// per-host limit for ours that linkinator does not have (it would open up to 100 connections to a host).
const CONCURRENCY = option('concurrency', 100);
const HOST_CONCURRENCY = option('host-concurrency', 4);
const TIMEOUT_MS = 10_000;

const server = fork(join(here, 'links-server.mjs'), [String(HOSTS), String(LATENCY_MS)], {
  stdio: 'inherit',
});
const messages = [];
const waiters = [];
server.on('message', (m) => {
  const i = waiters.findIndex((w) => w.type === m.type);
  if (i === -1) messages.push(m);
  else waiters.splice(i, 1)[0].resolve(m);
});
const next = (type) =>
  new Promise((resolve) => {
    const i = messages.findIndex((m) => m.type === type);
    if (i !== -1) resolve(messages.splice(i, 1)[0]);
    else waiters.push({ type, resolve });
  });

try {
  const { port } = await next('listening');
  // The fixture: URL i lives on host (i mod 100) + 1, so every host has N/100 URLs.
  const urls = Array.from(
    { length: count },
    (_, i) => `http://127.0.1.${(i % HOSTS) + 1}:${port}/paper/${i}`,
  );
  const dir = join(here, '.work');
  mkdirSync(dir, { recursive: true });
  const list = join(dir, `links-${count}.txt`);
  writeFileSync(list, `${urls.join('\n')}\n`);

  const perHost = Math.ceil(count / HOSTS / HOST_CONCURRENCY) * LATENCY_MS;
  const global = Math.ceil(count / CONCURRENCY) * LATENCY_MS;
  const bound = Math.max(perHost, global);

  console.log(`link check benchmark: ${count} URLs over ${HOSTS} hosts, ${LATENCY_MS} ms per response`);
  console.log(`node ${process.version}, ${availableParallelism()} cores; server in a separate process`);
  console.log(
    `limits: concurrency ${CONCURRENCY}, per host ${HOST_CONCURRENCY}, no request interval; lower bound ` +
      `max(${count / HOSTS}/${HOST_CONCURRENCY} x ${LATENCY_MS} = ${perHost}, ${count}/${CONCURRENCY} x ${LATENCY_MS} = ${global}) = ${bound} ms`,
  );

  server.send({ type: 'reset' });
  const ours = await measure([
    join(here, 'links-run.mjs'),
    list,
    JSON.stringify({
      concurrency: CONCURRENCY,
      hostConcurrency: HOST_CONCURRENCY,
      hostInterval: 0,
      timeout: TIMEOUT_MS,
      allowPrivate: true,
    }),
  ]);
  server.send({ type: 'stats' });
  const ourServer = await next('stats');
  const ourRequests = ourServer.requests;
  if (ours.summary.ok !== count) throw new Error(`virtbib: ${count - ours.summary.ok} URLs not ok`);

  // The machine's floor, measured on the same URLs in the same run (see links-floor.mjs).
  server.send({ type: 'reset' });
  const floor = await measure([
    join(here, 'links-floor.mjs'),
    list,
    String(CONCURRENCY),
    String(HOST_CONCURRENCY),
  ]);
  server.send({ type: 'stats' });
  const floorServer = await next('stats');
  const floorRequests = floorServer.requests;

  let theirs;
  let theirRequests;
  if (withLinkinator) {
    for (let i = 0; i < urls.length; i += 5000)
      server.send({
        type: 'page',
        html: urls
          .slice(i, i + 5000)
          .map((u) => `<a href="${u}">x</a>\n`)
          .join(''),
      });
    server.send({ type: 'page-done' });
    await next('page-ready');
    server.send({ type: 'reset' });
    theirs = await measure([
      join(here, 'links-linkinator.mjs'),
      `http://127.0.1.1:${port}/index.html`,
      String(CONCURRENCY),
      String(TIMEOUT_MS),
    ]);
    server.send({ type: 'stats' });
    theirRequests = (await next('stats')).requests;
  }

  const row = (name, r, requests) =>
    `${name.padEnd(12)} ${r.wallMs.toFixed(0).padStart(8)} ${(r.wallMs / bound).toFixed(2).padStart(9)}x ` +
    `${r.cpuMs.toFixed(0).padStart(8)} ${r.maxRssMB.toFixed(0).padStart(8)} ${String(requests).padStart(9)}`;
  console.log('');
  console.log('tool          wall ms  vs bound   cpu ms  peak MB  requests');
  console.log(row('virtbib', ours, ourRequests));
  if (theirs) console.log(row('linkinator', theirs, theirRequests));
  console.log(row('bare undici', floor, floorRequests));
  console.log('');
  const memoryTarget = count > 10_000 ? 400 : 200;
  console.log(`virtbib / bound: ${(ours.wallMs / bound).toFixed(2)}x (target <= 1.3x)`);
  console.log(
    `virtbib / bare undici loop: ${(ours.wallMs / floor.wallMs).toFixed(2)}x wall, ${(ours.cpuMs / floor.cpuMs).toFixed(2)}x cpu ` +
      `(the loop itself is at ${(floor.wallMs / bound).toFixed(2)}x of the bound on this machine)`,
  );
  console.log(
    `(the server process used ${ourServer.cpuMs.toFixed(0)} ms of CPU answering virtbib, over ${ourServer.connections} connections; ` +
      `the bare loop used ${floorServer.connections})`,
  );
  if (theirs) {
    console.log(
      `virtbib / linkinator: wall ${(ours.wallMs / theirs.wallMs).toFixed(2)}x, cpu ${(ours.cpuMs / theirs.cpuMs).toFixed(2)}x, ` +
        `memory ${(ours.maxRssMB / theirs.maxRssMB).toFixed(2)}x (target: wall < 1x)`,
    );
    console.log(`linkinator link states: ${JSON.stringify(theirs.counts)}`);
    if ((theirs.counts.BROKEN ?? 0) > 0)
      console.log('  (linkinator reported links as broken that work: its figures are of a failed run)');
  }
  console.log(
    `virtbib peak memory: ${ours.maxRssMB.toFixed(0)} MB (target < ${memoryTarget} MB for ${count} URLs)`,
  );
} finally {
  server.send({ type: 'exit' });
}

function measure(argv) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, argv, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${argv[0]} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}
