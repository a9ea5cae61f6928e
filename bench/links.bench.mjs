// Link checker benchmark. URLs over 100 loopback hosts, each response 20 ms late, served by a separate
// process. Each round runs virtbib's engine, a bare undici request loop (the floor of the HTTP client on
// this machine) and linkinator on the same URLs, one after the other, the order turning each round, so
// that the load of a busy machine falls on all of them alike. Figures are medians over the rounds with
// their spread (min-max); ratios are taken within each round, then their median is given.
//
// Targets (issue 12): virtbib <= 1.10x the bare undici loop, faster than linkinator, <= 250 MB at 100k
// URLs; with the polite defaults, within 1.05x of the bound their request interval sets.
//
//   npm run build && node bench/links.bench.mjs [count=10000] [--rounds 5] [--no-linkinator]
//   node bench/links.bench.mjs 100000 --rounds 1 --no-linkinator     the memory target
//   node bench/links.bench.mjs --polite [count=2000]                   the polite defaults
//   node bench/links.bench.mjs --scale [count=2000000]                state and report of millions of URLs
import { execFile, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const given = args.find(
  (a, i) => /^\d+$/.test(a) && !/^--(rounds|concurrency|host-concurrency)$/.test(args[i - 1]),
);
const mode = flag('scale') ? 'scale' : flag('polite') ? 'polite' : 'throughput';
const count = Number(given ?? (mode === 'scale' ? 2_000_000 : mode === 'polite' ? 2_000 : 10_000));
const rounds = option('rounds', mode === 'scale' ? 1 : 5);
const HOSTS = 100;
const LATENCY_MS = 20;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs, digits = 0) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;
const work = join(here, '.work');
mkdirSync(work, { recursive: true });

if (mode === 'scale') await scale(count);
else await withServer(mode === 'polite' ? polite : throughput);

/** Runs `body(port, server)` with the loopback web of HOSTS hosts in its own process. */
async function withServer(body) {
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
    await body(port, { send: (m) => server.send(m), next });
  } finally {
    server.send({ type: 'exit' });
  }
}

/** URL i lives on host (i mod 100) + 1, so every host has count/100 URLs. */
function urlList(port, n) {
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.1.${(i % HOSTS) + 1}:${port}/paper/${i}`);
  const list = join(work, `links-${n}.txt`);
  writeFileSync(list, `${urls.join('\n')}\n`);
  return { urls, list };
}

async function throughput(port, server) {
  const concurrency = option('concurrency', 100);
  const hostConcurrency = option('host-concurrency', 4);
  const withLinkinator = !flag('no-linkinator');
  const { urls, list } = urlList(port, count);
  const perHost = Math.ceil(count / HOSTS / hostConcurrency) * LATENCY_MS;
  const global = Math.ceil(count / concurrency) * LATENCY_MS;
  const bound = Math.max(perHost, global);
  console.log(`link check benchmark: ${count} URLs over ${HOSTS} hosts, ${LATENCY_MS} ms per response`);
  console.log(
    `node ${process.version}, ${availableParallelism()} cores; server in a separate process; ${rounds} rounds, order turning`,
  );
  console.log(
    `limits: concurrency ${concurrency}, per host ${hostConcurrency}, no request interval; lower bound ` +
      `max(${count / HOSTS}/${hostConcurrency} x ${LATENCY_MS} = ${perHost}, ${count}/${concurrency} x ${LATENCY_MS} = ${global}) = ${bound} ms`,
  );
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
    await server.next('page-ready');
  }
  const tools = {
    virtbib: [
      join(here, 'links-run.mjs'),
      list,
      JSON.stringify({ concurrency, hostConcurrency, hostInterval: 0, timeout: 10_000, allowPrivate: true }),
    ],
    'bare undici': [join(here, 'links-floor.mjs'), list, String(concurrency), String(hostConcurrency)],
    ...(withLinkinator && {
      linkinator: [
        join(here, 'links-linkinator.mjs'),
        `http://127.0.1.1:${port}/index.html`,
        String(concurrency),
        '10000',
      ],
    }),
  };
  const names = Object.keys(tools);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      server.send({ type: 'reset' });
      const r = await measure(tools[name]);
      server.send({ type: 'stats' });
      r.requests = (await server.next('stats')).requests;
      if (name === 'virtbib' && r.summary.ok !== count)
        throw new Error(`virtbib: ${count - r.summary.ok} URLs not ok`);
      runs[name].push(r);
    }
    process.stderr.write(`round ${round + 1}/${rounds} done\n`);
  }
  console.log('');
  console.log('tool          wall ms (spread)        vs bound   cpu ms (spread)        peak MB  requests');
  for (const name of names) {
    const r = runs[name];
    const walls = r.map((x) => x.wallMs);
    const cpus = r.map((x) => x.cpuMs);
    console.log(
      `${name.padEnd(12)} ${median(walls).toFixed(0).padStart(7)} (${spread(walls).padEnd(11)}) ` +
        `${(median(walls) / bound).toFixed(2).padStart(8)}x ${median(cpus).toFixed(0).padStart(8)} (${spread(cpus).padEnd(11)}) ` +
        `${Math.max(...r.map((x) => x.maxRssMB))
          .toFixed(0)
          .padStart(8)} ${String(r[0].requests).padStart(9)}`,
    );
  }
  const paired = (a, b, field) => runs[a].map((x, i) => x[field] / runs[b][i][field]);
  const ratio = (xs, target) =>
    `${median(xs).toFixed(2)}x (spread ${spread(xs, 2)}${target ? `; target ${target}` : ''})`;
  console.log('');
  console.log('ratios, median of the rounds (each round pairs runs made one after the other):');
  console.log(
    `  virtbib / bare undici loop, wall: ${ratio(paired('virtbib', 'bare undici', 'wallMs'), '<= 1.10x')}`,
  );
  console.log(`  virtbib / bare undici loop, cpu:  ${ratio(paired('virtbib', 'bare undici', 'cpuMs'))}`);
  if (withLinkinator) {
    console.log(
      `  virtbib / linkinator, wall:       ${ratio(paired('virtbib', 'linkinator', 'wallMs'), '< 1x')}`,
    );
    console.log(`  virtbib / linkinator, cpu:        ${ratio(paired('virtbib', 'linkinator', 'cpuMs'))}`);
    const broken = runs.linkinator.map((r) => r.counts.BROKEN ?? 0);
    if (Math.max(...broken) > 0)
      console.log(`  (linkinator reported up to ${Math.max(...broken)} working links as broken in a round)`);
  }
  console.log(
    `  bare undici loop / bound: ${ratio(runs['bare undici'].map((r) => r.wallMs / bound))} (the machine's floor)`,
  );
  const memoryTarget = count >= 100_000 ? 250 : undefined;
  console.log(
    `virtbib peak memory: ${Math.max(...runs.virtbib.map((r) => r.maxRssMB)).toFixed(0)} MB for ${count} URLs` +
      `${memoryTarget ? ` (target <= ${memoryTarget} MB)` : ''}`,
  );
}

async function polite(port, server) {
  // The defaults of `virtbib check`: 32 in flight, 2 per host, 200 ms between two requests to a host.
  const defaults = { concurrency: 32, hostConcurrency: 2, hostInterval: 200 };
  const { list } = urlList(port, count);
  const perHost = count / HOSTS;
  // A host's requests start at least an interval apart: the last starts (n - 1) intervals after the
  // first and ends a response later. The global limit allows more than that here.
  const bound = (perHost - 1) * defaults.hostInterval + LATENCY_MS;
  console.log(
    `polite defaults: ${count} URLs over ${HOSTS} hosts (${perHost} each), ${LATENCY_MS} ms per response, ` +
      `concurrency ${defaults.concurrency}, ${defaults.hostConcurrency} per host, ${defaults.hostInterval} ms between requests to a host`,
  );
  console.log(
    `bound: (${perHost} - 1) x ${defaults.hostInterval} + ${LATENCY_MS} = ${bound} ms; ${rounds} rounds`,
  );
  const walls = [];
  for (let round = 0; round < rounds; round++) {
    server.send({ type: 'reset' });
    const r = await measure([
      join(here, 'links-run.mjs'),
      list,
      JSON.stringify({ ...defaults, timeout: 10_000, allowPrivate: true }),
    ]);
    if (r.summary.ok !== count) throw new Error(`virtbib: ${count - r.summary.ok} URLs not ok`);
    walls.push(r.wallMs);
  }
  console.log(
    `virtbib: ${median(walls).toFixed(0)} ms (spread ${spread(walls)}), ` +
      `${(median(walls) / bound).toFixed(3)}x the bound (spread ${spread(
        walls.map((w) => w / bound),
        3,
      )}; target <= 1.05x)`,
  );
}

/**
 * Millions of URLs through `virtbib check` end to end, without a network: every URL succeeded a minute
 * ago (a state file says so), so each is served from the cache, and what is measured is reading the
 * inputs and the state, writing the state back and writing the JSON report, all streamed.
 */
async function scale(n) {
  const dir = join(work, `scale-${n}`);
  mkdirSync(join(dir, '.git'), { recursive: true });
  const at = new Date(Date.now() - 60_000).toISOString();
  const url = (i) => `https://host${i % 5000}.example.org/papers/${i}/full-text.pdf`;
  // Input files are limited to 64 MiB: a list per million URLs.
  const lists = [];
  for (let start = 0; start < n; start += 1_000_000) {
    const name = `urls-${start / 1_000_000}.txt`;
    const lines = [];
    for (let i = start; i < Math.min(n, start + 1_000_000); i++) lines.push(url(i));
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    lists.push(name);
  }
  // The state in the line layout, as `check` writes it (sorted by URL).
  const keys = Array.from({ length: n }, (_, i) => url(i)).sort();
  const entry = JSON.stringify({
    lastChecked: at,
    lastSuccess: at,
    consecutiveFailures: 0,
    recent: [{ at, class: 'ok', code: 'ok', status: 200 }],
  });
  const state = join(dir, 'state.json');
  const { openSync, writeSync, closeSync, statSync } = await import('node:fs');
  const fd = openSync(state, 'w');
  writeSync(fd, '{"format":"virtbib-link-state","version":1,"urls":{\n');
  let buffer = '';
  for (let i = 0; i < keys.length; i++) {
    buffer += `${JSON.stringify(keys[i])}:${entry}${i < keys.length - 1 ? ',' : ''}\n`;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, `${buffer}}}\n`);
  closeSync(fd);
  const stateBytes = statSync(state).size;
  console.log(
    `scale: ${n} URLs in ${lists.length} URL lists, all cached in a ${(stateBytes / 1e6).toFixed(0)} MB state file`,
  );
  const r = await measure(
    [
      join(here, 'links-cli-run.mjs'),
      'check',
      ...lists,
      '--state',
      'state.json',
      '--format',
      'json',
      '--output',
      'report.json',
      '--no-doi',
    ],
    dir,
  );
  console.log(
    `virtbib check: exit ${r.code}, ${(r.wallMs / 1000).toFixed(1)} s, peak ${r.maxRssMB.toFixed(0)} MB; ` +
      `state written ${(statSync(state).size / 1e6).toFixed(0)} MB, report ${(statSync(join(dir, 'report.json')).size / 1e6).toFixed(0)} MB`,
  );
  console.log(`stdout: ${r.stdout.trim().split('\n').join(' | ')}`);
  if (r.stderr.trim()) console.log(`stderr: ${r.stderr.trim()}`);
}

function measure(argv, cwd) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, argv, { maxBuffer: 64 * 1024 * 1024, cwd }, (error, stdout, stderr) => {
      if (error && !cwd) reject(new Error(`${argv[0]} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}
