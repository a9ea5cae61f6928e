import { afterAll, describe, expect, it } from 'vitest';
import { type CheckOptions, checkLinks, LinkChecker, type LinkResult } from '../src/links/index.js';
import { startDns } from './support/dns.js';
import {
  bigBody,
  byMethod,
  closeAll,
  closedPort,
  delay,
  gzipped,
  hang,
  processingForever,
  redirect,
  resetMidBody,
  sequence,
  startRawServer,
  startServer,
  startSilentTcp,
  status,
  trickle,
} from './support/servers.js';

// Tests run concurrently (each has its own servers), so servers are closed at the end, not after each.
afterAll(closeAll);

/**
 * Waits until a condition holds, checking every 20 ms. Used for things that happen soon after a result
 * (a socket closing on the server side): it waits for the event, however slow the machine.
 */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

/** Test defaults: loopback allowed, no politeness delay, short timeouts and retry delays. */
const FAST: CheckOptions = { allowPrivate: true, hostInterval: 0, retryDelay: 10, timeout: 2_000 };

async function check(urls: string[], options: CheckOptions = {}): Promise<LinkResult[]> {
  const results: LinkResult[] = [];
  await new LinkChecker({ ...FAST, ...options }).run(
    urls.map((url) => ({ url })),
    (r) => results.push(r),
  );
  // In input order, whatever order they completed in.
  return results.sort((a, b) => urls.indexOf(a.url) - urls.indexOf(b.url));
}

async function one(url: string, options: CheckOptions = {}): Promise<LinkResult> {
  const [result] = await check([url], options);
  return result!;
}

describe.concurrent('status codes', () => {
  it('200 is ok after one HEAD', async () => {
    const s = await startServer({ '/': status(200) });
    expect(await one(s.url('/'))).toMatchObject({
      class: 'ok',
      code: 'ok',
      status: 200,
      attempts: 1,
      requests: 1,
    });
    expect(s.requests.map((r) => r.method)).toEqual(['HEAD']);
  });

  it('404 and 410 are broken, confirmed by GET, and never retried', async () => {
    const s = await startServer({ '/gone': status(410), '/missing': status(404) });
    const [missing, gone] = await check([s.url('/missing'), s.url('/gone')], { retries: 3 });
    expect(missing).toMatchObject({ class: 'broken', code: 'http-404', status: 404, attempts: 1 });
    expect(gone).toMatchObject({ class: 'broken', code: 'http-410', status: 410, attempts: 1 });
    expect(s.count('/missing')).toBe(2);
    expect(s.requests.filter((r) => r.path === '/missing').map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('500 then 200 is retried and ends ok', async () => {
    const s = await startServer({ '/': sequence(status(500), status(500), status(200)) });
    expect(await one(s.url('/'), { retries: 2 })).toMatchObject({ class: 'ok', attempts: 3 });
  });

  it('500 every time is an error after the retries', async () => {
    const s = await startServer({ '/': status(500) });
    expect(await one(s.url('/'), { retries: 2 })).toMatchObject({
      class: 'error',
      code: 'http-5xx',
      attempts: 3,
    });
    expect(s.count('/')).toBe(3);
  });

  it('503 with Retry-After waits as asked', async () => {
    const s = await startServer({ '/': sequence(status(503, { 'retry-after': '1' }), status(200)) });
    const result = await one(s.url('/'));
    expect(result).toMatchObject({ class: 'ok', attempts: 2 });
    const [first, second] = s.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('429 with Retry-After in seconds pauses the whole host, not just the URL', async () => {
    const s = await startServer({
      '/a': sequence(status(429, { 'retry-after': '1' }), status(200)),
      '/b': status(200),
    });
    const results = await check([s.url('/a'), s.url('/b')], { hostConcurrency: 1 });
    expect(results.every((r) => r.class === 'ok')).toBe(true);
    const firstA = s.requests.find((r) => r.path === '/a')!;
    const b = s.requests.find((r) => r.path === '/b')!;
    expect(b.at - firstA.at).toBeGreaterThanOrEqual(950);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    const s = await startServer({
      '/': sequence(status(429, { 'retry-after': at.toUTCString() }), status(200)),
    });
    expect(await one(s.url('/'))).toMatchObject({ class: 'ok', attempts: 2 });
    expect(s.requests[1]!.at).toBeGreaterThanOrEqual(at.getTime() - 50);
  });

  it('a Retry-After longer than the cap is shortened; 429 to the end is blocked, not broken', async () => {
    const s = await startServer({ '/': status(429, { 'retry-after': '3600' }) });
    const result = await one(s.url('/'), { retries: 1, maxRetryAfter: 200 });
    expect(result).toMatchObject({ class: 'blocked', code: 'rate-limited', attempts: 2 });
    // Waited the cap, not the hour: the test could not end otherwise, so only the lower bound is checked.
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(190);
  });
});

describe.concurrent('HEAD and GET', () => {
  it('HEAD 405 then GET 200; further URLs of the host go straight to GET', async () => {
    const s = await startServer({}, { fallback: byMethod({ GET: status(200, {}, 'hello') }) });
    const results = await check([s.url('/one'), s.url('/two')], { hostConcurrency: 1 });
    expect(results.map((r) => r.class)).toEqual(['ok', 'ok']);
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /one', 'GET /one', 'GET /two']);
  });

  it('a HEAD that hangs falls back to GET', async () => {
    // The timeout applies to the GET too: it is long enough for an immediate answer on a loaded machine.
    const s = await startServer({ '/': byMethod({ HEAD: hang(), GET: status(200) }) });
    const result = await one(s.url('/'), { headersTimeout: 2_000, retries: 0 });
    expect(result).toMatchObject({ class: 'ok', requests: 2 });
    expect(s.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('hosts configured for GET never get HEAD', async () => {
    const s = await startServer({ '/': status(200) });
    await one(s.url('/'), { hosts: { [s.host]: { method: 'get' } } });
    expect(s.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('sends the configured headers per host', async () => {
    const s = await startServer({ '/': status(200) });
    await one(s.url('/'), {
      userAgent: 'test-agent',
      hosts: { [s.host]: { headers: { 'X-Token': 'abc' } } },
    });
    expect(s.requests[0]!.headers).toMatchObject({ 'user-agent': 'test-agent', 'x-token': 'abc' });
  });
});

describe.concurrent('redirects', () => {
  it('301 then 302: redirected, chain reported, permanent part suggested', async () => {
    const s = await startServer({
      '/old': redirect(301, '/moved'),
      '/moved': redirect(302, '/final'),
      '/final': status(200),
    });
    expect(await one(s.url('/old'))).toMatchObject({
      class: 'redirected',
      code: 'redirect-permanent',
      finalUrl: s.url('/final'),
      redirects: [
        { url: s.url('/old'), status: 301 },
        { url: s.url('/moved'), status: 302 },
      ],
      suggestion: { url: s.url('/moved'), reason: 'permanent-redirect' },
    });
  });

  it('a temporary redirect first: no suggestion', async () => {
    const s = await startServer({
      '/t': redirect(302, '/p'),
      '/p': redirect(308, '/final'),
      '/final': status(200),
    });
    const result = await one(s.url('/t'));
    expect(result).toMatchObject({ class: 'redirected', code: 'redirect-temporary' });
    expect(result.suggestion).toBeUndefined();
  });

  it('a redirect to another host is followed (and that host limits apply)', async () => {
    const target = await startServer({ '/here': status(200) });
    const s = await startServer({ '/': redirect(308, target.url('/here')) });
    expect(await one(s.url('/'))).toMatchObject({
      class: 'redirected',
      suggestion: { url: target.url('/here') },
    });
    expect(target.count('/here')).toBe(1);
  });

  it('a redirect to a missing page is broken, with the chain', async () => {
    const s = await startServer({ '/': redirect(301, '/nowhere') });
    expect(await one(s.url('/'))).toMatchObject({
      class: 'broken',
      code: 'http-404',
      finalUrl: s.url('/nowhere'),
    });
  });

  it('a loop is an error', async () => {
    const s = await startServer({ '/x': redirect(302, '/y'), '/y': redirect(302, '/x') });
    expect(await one(s.url('/x'))).toMatchObject({ class: 'error', code: 'redirect-loop', attempts: 1 });
  });

  it('a session-cookie handshake is not a loop', async () => {
    const s = await startServer({
      '/page': (req, res, call) =>
        req.headers.cookie === 'session=1'
          ? status(200)(req, res, call)
          : status(302, { location: '/page', 'set-cookie': 'session=1; Path=/' })(req, res, call),
    });
    expect(await one(s.url('/page'))).toMatchObject({ class: 'redirected', code: 'redirect-temporary' });
  });

  it('a 30-hop chain is over the limit', async () => {
    const routes: Record<string, ReturnType<typeof status>> = {};
    for (let i = 0; i < 30; i++) routes[`/hop${i}`] = redirect(301, `/hop${i + 1}`);
    routes['/hop30'] = status(200);
    const s = await startServer(routes);
    const result = await one(s.url('/hop0'), { maxRedirects: 10 });
    expect(result).toMatchObject({ class: 'error', code: 'redirect-limit', requests: 11 });
    expect(s.count()).toBe(11);
  });

  it('a relative Location is resolved against the URL', async () => {
    const s = await startServer({ '/a/b/c': redirect(301, '../target?x=1'), '/a/target': status(200) });
    expect(await one(s.url('/a/b/c'))).toMatchObject({
      class: 'redirected',
      finalUrl: s.url('/a/target?x=1'),
    });
  });

  it('a malformed Location is an error', async () => {
    const s = await startServer({ '/': redirect(302, 'http://[not-an-address/') });
    expect(await one(s.url('/'))).toMatchObject({ class: 'error', code: 'redirect-invalid' });
  });

  it('a redirect without Location, or to another scheme, is an error', async () => {
    const s = await startServer({ '/none': status(301), '/ftp': redirect(301, 'ftp://example.org/') });
    const results = await check([s.url('/none'), s.url('/ftp')]);
    expect(results.map((r) => r.code)).toEqual(['redirect-invalid', 'redirect-invalid']);
  });
});

describe.concurrent('network failures', () => {
  it('connection refused is an error, retried', async () => {
    const { host, port } = await closedPort();
    expect(await one(`http://${host}:${port}/`, { retries: 1 })).toMatchObject({
      class: 'error',
      code: 'connection-refused',
      attempts: 2,
    });
  });

  it('a connection reset mid-body is an error, retried', async () => {
    const s = await startServer({ '/': resetMidBody() });
    const result = await one(s.url('/'), { retries: 1, hosts: { [s.host]: { method: 'get' } } });
    expect(result).toMatchObject({ class: 'error', code: 'connection-reset', attempts: 2 });
  });

  it('headers that never come time out', async () => {
    // The server never answers: the check ending at all is the timeout working.
    const s = await startServer({ '/': hang() });
    const result = await one(s.url('/'), { headersTimeout: 200, retries: 0, urlBudget: 600_000 });
    expect(result).toMatchObject({ class: 'timeout', code: 'headers-timeout' });
  });

  it('a body that trickles forever stops at the body timeout and frees the socket', async () => {
    const s = await startServer({ '/': trickle(10) });
    const result = await one(s.url('/'), {
      bodyTimeout: 200,
      retries: 0,
      urlBudget: 600_000,
      hosts: { [s.host]: { method: 'get' } },
    });
    expect(result).toMatchObject({ class: 'timeout', code: 'body-timeout' });
    await until(() => s.active === 0);
  });

  it('an endless stream of 102 Processing ends at the headers timeout', async () => {
    // undici restarts its own headers timeout at every informational response: only the engine's
    // deadline ends this. The URL's budget is far away, so that it cannot be what ends it.
    const raw = await startRawServer(processingForever(50));
    const result = await one(`${raw.origin}/`, { headersTimeout: 1_000, retries: 0, urlBudget: 600_000 });
    expect(result).toMatchObject({ class: 'timeout', code: 'headers-timeout' });
  });

  it('a 2 GB body is read only up to the cap', async () => {
    const cap = 1024 * 1024;
    const s = await startServer({ '/': bigBody(2 * 1024 ** 3) });
    const result = await one(s.url('/'), { maxBody: cap, hosts: { [s.host]: { method: 'get' } } });
    expect(result).toMatchObject({ class: 'ok', status: 200 });
    await until(() => s.active === 0);
    // The cap, plus what the kernel's socket buffers had accepted when the connection closed (about
    // 3 MiB on loopback here); without the cap the server would have sent 2 GiB.
    const sent = s.bytesSent.get('/') ?? 0;
    expect(sent).toBeGreaterThanOrEqual(cap);
    expect(sent).toBeLessThan(cap + 8 * 1024 * 1024);
  });

  it('TLS to a server that does not speak it is a TLS error', async () => {
    const s = await startServer({ '/': status(200) });
    expect(await one(`https://${s.host}:${s.port}/`, { retries: 0 })).toMatchObject({
      class: 'error',
      code: 'tls-error',
    });
  });

  it('a handshake that never completes is a connect timeout', async () => {
    const tcp = await startSilentTcp();
    expect(await one(`https://${tcp.host}:${tcp.port}/`, { connectTimeout: 150, retries: 0 })).toMatchObject({
      class: 'timeout',
      code: 'connect-timeout',
    });
  });

  it('a name that does not exist is broken (dns-not-found), not retried', async () => {
    const dns = await startDns({});
    const result = await one('http://nonexistent.invalid/', { resolve: dns.resolve, retries: 2 });
    expect(result).toMatchObject({ class: 'broken', code: 'dns-not-found', attempts: 1 });
    expect(dns.queries).toContain('nonexistent.invalid');
    await dns.close();
  });
});

describe.concurrent('bot protection', () => {
  it('403 with Cloudflare markers is blocked, not broken', async () => {
    const s = await startServer({
      '/cf': status(
        403,
        { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' },
        '<title>Just a moment...</title>',
      ),
      '/text': status(403, {}, '<html><body><h1>Access Denied</h1>Reference #18.1234</body></html>'),
      '/plain': status(403, {}, 'Forbidden'),
      '/li': status(999),
      '/challenge': status(200, { 'cf-mitigated': 'challenge' }),
    });
    const results = await check(['/cf', '/text', '/plain', '/li', '/challenge'].map((p) => s.url(p)));
    expect(results.map((r) => `${r.class} ${r.code}`)).toEqual([
      'blocked bot-protection',
      'blocked bot-protection',
      'broken http-4xx',
      'blocked bot-protection',
      'blocked bot-protection',
    ]);
    expect(results[1]!.detail).toContain('access denied');
  });

  it('a gzip-encoded challenge page is decoded to find the marker', async () => {
    const s = await startServer({
      '/wall': gzipped(
        503,
        '<html><head><title>Attention Required!</title></head><body>captcha</body></html>',
      ),
      '/page': gzipped(200, '<html>fine</html>'),
    });
    const results = await check([s.url('/wall'), s.url('/page')], { retries: 0 });
    expect(results.map((r) => `${r.class} ${r.code}`)).toEqual(['blocked bot-protection', 'ok ok']);
  });

  it('accepted statuses count as ok, per host', async () => {
    const s = await startServer({ '/': status(403) });
    expect(await one(s.url('/'), { hosts: { [s.host]: { accept: ['200-299', 403] } } })).toMatchObject({
      class: 'ok',
    });
  });
});

describe.concurrent('safety', () => {
  it('refuses loopback and private addresses unless allowed, without sending anything', async () => {
    const s = await startServer({ '/': status(200) });
    const result = await one(s.url('/'), { allowPrivate: false });
    expect(result).toMatchObject({ class: 'error', code: 'private-address', requests: 0 });
    expect(s.count()).toBe(0);
  });

  it('refuses a name that resolves to a private address, after DNS', async () => {
    const s = await startServer({ '/': status(200) });
    const dns = await startDns({ 'intranet.test': s.host });
    const url = `http://intranet.test:${s.port}/`;
    expect(await one(url, { allowPrivate: false, resolve: dns.resolve })).toMatchObject({
      code: 'private-address',
    });
    expect(s.count()).toBe(0);
    // Allowed, the same name reaches the server: the refusal came from the address, not the name.
    expect(await one(url, { allowPrivate: true, resolve: dns.resolve })).toMatchObject({ class: 'ok' });
    await dns.close();
  });

  it('refuses a redirect into a private address', async () => {
    const dns = await startDns({});
    const result = await one('http://[::ffff:7f00:1]/', { allowPrivate: false, resolve: dns.resolve });
    expect(result).toMatchObject({ code: 'private-address' });
    await dns.close();
  });

  it('refuses IPv6 spellings of private IPv4 addresses without sending anything', async () => {
    const results = await check(
      [
        'http://[::127.0.0.1]/',
        'http://[2002:7f00:1::1]/',
        'http://[64:ff9b:1::808:808]/',
        'http://[fec0::1]/',
      ],
      { allowPrivate: false, retries: 0 },
    );
    expect(results.map((r) => `${r.code} ${r.requests}`)).toEqual(Array(4).fill('private-address 0'));
  });

  it('only http and https; malformed URLs are invalid; excluded URLs are skipped', async () => {
    const s = await startServer({ '/': status(200) });
    const results = await check(['ftp://example.org/x', 'not a url', 'https://', s.url('/')], {
      exclude: [{ host: s.host, reason: 'tested elsewhere' }],
    });
    expect(results.map((r) => `${r.class} ${r.code}`)).toEqual([
      'invalid unsupported-scheme',
      'invalid invalid-url',
      'invalid invalid-url',
      'skipped excluded',
    ]);
    expect(results[3]!.detail).toBe('tested elsewhere');
    expect(s.count()).toBe(0);
  });
});

describe.concurrent('scheduling', () => {
  it('never exceeds the per-host concurrency, nor the global one', async () => {
    const counter = { active: 0, maxActive: 0 };
    // Answers are slow enough that the requests a host may have at once overlap, however busy the machine.
    const servers = await Promise.all(
      [1, 2, 3].map(() => startServer({}, { fallback: delay(500, status(200)), counter })),
    );
    const urls = servers.flatMap((s) => Array.from({ length: 6 }, (_, i) => s.url(`/${i}`)));
    const results = await check(urls, { concurrency: 5, hostConcurrency: 2 });
    expect(results.filter((r) => r.class === 'ok')).toHaveLength(18);
    for (const s of servers) expect(s.maxActive).toBeLessThanOrEqual(2);
    expect(Math.max(...servers.map((s) => s.maxActive))).toBe(2);
    expect(counter.maxActive).toBeLessThanOrEqual(5);
  });

  it('keeps the minimum interval between requests to a host', async () => {
    // The exact spacing is the scheduler's job, tested on an injected clock (links-scheduler.test.ts);
    // here only that the engine applies it. Arrival times at a server jitter with the machine's load,
    // so the bound is half of what the interval gives: the requests did not all go at once.
    const s = await startServer({}, { fallback: status(200) });
    await check(
      [1, 2, 3].map((i) => s.url(`/${i}`)),
      { hostInterval: 400, hostConcurrency: 3 },
    );
    const starts = s.requests.map((r) => r.at);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(400);
  });

  it('per-host overrides apply (here: one at a time)', async () => {
    const s = await startServer({}, { fallback: delay(20, status(200)) });
    await check(
      Array.from({ length: 6 }, (_, i) => s.url(`/${i}`)),
      { hostConcurrency: 4, hosts: { [s.host]: { concurrency: 1 } } },
    );
    expect(s.maxActive).toBe(1);
  });

  it('checks each URL once however often it appears, keeping every source', async () => {
    const s = await startServer({ '/': status(200) });
    const results: LinkResult[] = [];
    await new LinkChecker(FAST).run(
      [
        { url: s.url('/'), source: { file: 'a.md', line: 1 } },
        { url: `${s.url('/')}#section`, source: { file: 'b.md', line: 2 } },
        { url: ` ${s.url('/')} `, source: { file: 'c.md', line: 3 } },
      ],
      (r) => results.push(r),
    );
    expect(results).toHaveLength(1);
    expect(results[0]!.sources.map((x) => x.file)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(s.count()).toBe(1);
  });

  it('reuses keep-alive connections: bodies are consumed, sockets freed', async () => {
    const s = await startServer({}, { fallback: status(404, {}, 'x'.repeat(10_000)) });
    await check(
      Array.from({ length: 5 }, (_, i) => s.url(`/${i}`)),
      { hostConcurrency: 1 },
    );
    expect(s.count()).toBe(10);
    expect(s.connections).toBe(1);
  });

  it('streams results as they complete: a slow host does not hold back a fast one', async () => {
    // The slow host answers only once both results of the fast one have come out: if the engine held
    // them back behind it, the test would never end.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = await startServer({
      '/': (req, res, call) => void released.then(() => status(200)(req, res, call)),
    });
    const fast = await startServer({}, { fallback: status(200) });
    const order: string[] = [];
    for await (const result of checkLinks(
      [slow.url('/'), fast.url('/1'), fast.url('/2')].map((url) => ({ url })),
      { ...FAST, timeout: 600_000 },
    )) {
      order.push(result.url);
      if (order.length === 2) release();
    }
    expect(order).toEqual([fast.url('/1'), fast.url('/2'), slow.url('/')]);
  });

  it('the run budget stops everything, reporting what was not checked', async () => {
    // Nothing ever answers and no timeout is near: only the budget can end the run.
    const s = await startServer({}, { fallback: hang() });
    const results = await check(
      Array.from({ length: 6 }, (_, i) => s.url(`/${i}`)),
      { budget: 300, hostConcurrency: 2, timeout: 600_000, urlBudget: 600_000 },
    );
    expect(results).toHaveLength(6);
    expect(new Set(results.map((r) => `${r.class} ${r.code}`))).toEqual(
      new Set(['skipped run-budget-exceeded']),
    );
  });

  it('the URL budget ends a request that would never end', async () => {
    const s = await startServer({ '/': hang() });
    const result = await one(s.url('/'), { urlBudget: 300, timeout: 600_000 });
    expect(result).toMatchObject({ class: 'timeout', code: 'budget-exceeded' });
  });

  it('the URL budget bounds retries: no wait is begun that would end past it', async () => {
    // Backoff from 2 s doubles: 10 retries would take over half an hour; the budget allows one wait.
    const s = await startServer({ '/': status(500) });
    const result = await one(s.url('/'), { urlBudget: 4_000, retries: 10, retryDelay: 2_000 });
    expect(result).toMatchObject({ class: 'error', code: 'http-5xx' });
    expect(result.attempts).toBeLessThanOrEqual(3);
  });

  it('breaking out of checkLinks stops the run', async () => {
    const s = await startServer({}, { fallback: delay(50, status(200)) });
    let seen = 0;
    for await (const _ of checkLinks(
      Array.from({ length: 40 }, (_, i) => ({ url: s.url(`/${i}`) })),
      { ...FAST, hostConcurrency: 1 },
    )) {
      if (++seen === 2) break;
    }
    expect(s.count()).toBeLessThan(10);
  });
});
