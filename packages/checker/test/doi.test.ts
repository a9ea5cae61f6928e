import type { Entry } from '@virtbib/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { closestSnapshot, isArchiveUrl } from '../src/archive/wayback.js';
import { doiPath, RegistryClient } from '../src/doi/client.js';
import { lookupHandle, verifyDoi } from '../src/doi/verify.js';
import { runCheck } from '../src/links/index.js';
import { startDns } from './support/dns.js';
import { startRegistry } from './support/registry.js';
import { closeAll, sequence, startServer, status } from './support/servers.js';

afterEach(closeAll);

const xen: Entry = {
  id: 'barham2003xen',
  type: 'paper-conference',
  title: 'Xen and the Art of Virtualization',
  authors: [{ family: 'Barham', given: 'Paul' }],
  year: 2003,
  doi: '10.1145/945445.945462',
  topics: ['overview'],
  annotation: 'A synthetic copy of a real entry for tests.',
  provenance: { source: 'contributed' },
};
const xenCsl = {
  type: 'paper-conference',
  title: 'Xen and the art of virtualization',
  author: [
    { family: 'Barham', given: 'Paul' },
    { family: 'Dragovic', given: 'Boris' },
  ],
  issued: { 'date-parts': [[2003, 10, 19]] },
  DOI: '10.1145/945445.945462',
};

const clients: RegistryClient[] = [];
function client(resolver: string, options: ConstructorParameters<typeof RegistryClient>[0] = {}) {
  const c = new RegistryClient({ resolver, allowPrivate: true, retryDelay: 20, timeout: 2000, ...options });
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('DOI verification against a registry on loopback', () => {
  it('a registered DOI whose metadata matches is ok', async () => {
    const registry = await startRegistry({ '10.1145/945445.945462': { csl: xenCsl } });
    const result = await verifyDoi(client(registry.resolver.origin), xen, xen.doi!, 'doi');
    expect(result).toMatchObject({ code: 'doi-ok', doi: '10.1145/945445.945462', mismatches: [] });
    expect(registry.agency.count()).toBe(1);
  });

  it('a DOI that resolves to a different paper is a mismatch naming the fields and both values', async () => {
    const registry = await startRegistry({
      '10.1145/945445.945462': {
        csl: {
          ...xenCsl,
          title: 'Terra: a virtual machine-based platform for trusted computing',
          author: [{ family: 'Garfinkel' }],
        },
      },
    });
    const result = await verifyDoi(client(registry.resolver.origin), xen, xen.doi!, 'doi');
    expect(result.code).toBe('doi-mismatch');
    expect(result.mismatches).toEqual([
      {
        field: 'title',
        entry: xen.title,
        registry: 'Terra: a virtual machine-based platform for trusted computing',
      },
      { field: 'author', entry: 'Barham', registry: 'Garfinkel' },
    ]);
  });

  it('a wrong year is a mismatch; published-print counts as a valid year', async () => {
    const registry = await startRegistry({
      '10.1145/945445.945462': { csl: { ...xenCsl, issued: { 'date-parts': [[2004]] } } },
      '10.1/print': {
        csl: {
          ...xenCsl,
          issued: { 'date-parts': [[2004]] },
          'published-print': { 'date-parts': [[2003, 12]] },
        },
      },
    });
    const c = client(registry.resolver.origin);
    expect((await verifyDoi(c, xen, xen.doi!, 'doi')).mismatches).toEqual([
      { field: 'year', entry: '2003', registry: '2004' },
    ]);
    expect((await verifyDoi(c, xen, '10.1/print', 'doi')).code).toBe('doi-ok');
  });

  it('not found: HTTP 404 with responseCode 100 in a JSON body', async () => {
    const registry = await startRegistry({});
    const result = await verifyDoi(client(registry.resolver.origin), xen, '10.9999/missing', 'doi');
    expect(result).toMatchObject({ code: 'doi-not-found' });
    expect(registry.resolver.count()).toBe(1);
  });

  it('responseCode 200 (no values) is not found, and no metadata is fetched', async () => {
    const registry = await startRegistry({ '10.1/empty': { handle: { responseCode: 200 }, csl: xenCsl } });
    const result = await verifyDoi(client(registry.resolver.origin), xen, '10.1/empty', 'doi');
    expect(result.code).toBe('doi-not-found');
    expect(result.detail).toMatch(/no values/);
    expect(registry.agency.count()).toBe(0);
  });

  it('a resolver that answers 503 twice then 200 is retried, never reported as not found', async () => {
    const registry = await startRegistry({
      '10.1145/945445.945462': { csl: xenCsl, handleFailures: [{ status: 503 }, { status: 503 }] },
    });
    const result = await verifyDoi(client(registry.resolver.origin, { retries: 2 }), xen, xen.doi!, 'doi');
    expect(result.code).toBe('doi-ok');
    expect(registry.handleQueries).toEqual([
      '10.1145/945445.945462',
      '10.1145/945445.945462',
      '10.1145/945445.945462',
    ]);
  });

  it('503 that outlasts the retries is unverifiable, not not-found', async () => {
    const registry = await startRegistry({
      '10.1/flaky': { handleFailures: [{ status: 503 }, { status: 503 }, { status: 503 }] },
    });
    const result = await lookupHandle(client(registry.resolver.origin, { retries: 1 }), '10.1/flaky');
    expect(result.state).toBe('unverifiable');
  });

  it('429 with Retry-After is waited out', async () => {
    const registry = await startRegistry({
      '10.1145/945445.945462': {
        csl: xenCsl,
        handleFailures: [{ status: 429, headers: { 'retry-after': '1' } }],
      },
    });
    const started = Date.now();
    const result = await verifyDoi(client(registry.resolver.origin), xen, xen.doi!, 'doi');
    expect(result.code).toBe('doi-ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('malformed JSON from the handle API or the agency is unverifiable', async () => {
    const registry = await startRegistry({
      '10.1/badhandle': { handle: { raw: '{"responseCode": 1' } },
      '10.1/badcsl': { csl: { raw: '<html>oops</html>' } },
    });
    const c = client(registry.resolver.origin);
    expect((await verifyDoi(c, xen, '10.1/badhandle', 'doi')).code).toBe('doi-unverifiable');
    const bad = await verifyDoi(c, xen, '10.1/badcsl', 'doi');
    expect(bad.code).toBe('doi-unverifiable');
    expect(bad.detail).toMatch(/malformed JSON/);
  });

  it('a DOI with <, >, ; and ( is percent-encoded on the wire', async () => {
    const doi = '10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0';
    const registry = await startRegistry({ [doi]: { csl: { ...xenCsl, DOI: doi } } });
    const result = await verifyDoi(client(registry.resolver.origin), xen, doi, 'doi');
    expect(result.code).toBe('doi-ok');
    expect(registry.rawPaths[0]).toBe(`/api/handles/${doiPath(doi)}`);
    expect(registry.rawPaths[0]).toContain(
      '%28sici%291097-4571%28199806%2949%3A8%3C693%3A%3Aaid-asi4%3E3.0.co%3B2-0',
    );
    expect(registry.rawPaths[0]).not.toMatch(/[<>;()]/);
  });

  it('reads the rate-limit headers of the agency and sends the contact address', async () => {
    const registry = await startRegistry({ '10.1145/945445.945462': { csl: xenCsl } });
    const c = client(registry.resolver.origin, { mailto: 'maintainers@example.org' });
    await verifyDoi(c, xen, xen.doi!, 'doi');
    expect(registry.agency.requests[0]?.headers['user-agent']).toContain('mailto:maintainers@example.org');
    expect(registry.agency.requests[0]?.headers.accept).toBe('application/vnd.citationstyles.csl+json');
    // 50 requests per second: requests to that host are spaced at least 20 ms apart from now on.
    const gate = (c as unknown as { gates: Map<string, { interval: number }> }).gates.get(
      `${registry.agency.host}:${registry.agency.port}`,
    );
    expect(gate?.interval).toBe(20);
  });

  it('refuses loopback registries unless private addresses are allowed', async () => {
    const registry = await startRegistry({ '10.1145/945445.945462': { csl: xenCsl } });
    const result = await lookupHandle(
      client(registry.resolver.origin, { allowPrivate: false, retries: 0 }),
      xen.doi!,
    );
    expect(result).toMatchObject({ state: 'unverifiable' });
    expect(registry.resolver.count()).toBe(0);
  });
});

describe('Wayback availability API on loopback', () => {
  it("returns the closest working snapshot on the archive's own host, and nothing else it answers", async () => {
    const answers: Record<string, string> = {};
    const api = await startServer({
      '/wayback/available': (req, res, call) => {
        const asked = new URL(req.url ?? '', 'http://x').searchParams.get('url') ?? '';
        const url = Object.hasOwn(answers, asked) ? answers[asked] : undefined;
        const body = url
          ? {
              archived_snapshots: {
                closest: { available: true, url, timestamp: '20130919044612', status: '200' },
              },
            }
          : { archived_snapshots: {} };
        status(200, { 'content-type': 'application/json' }, JSON.stringify(body))(req, res, call);
      },
    });
    const own = `${api.origin}/web/20130919044612/https://example.org/dead`;
    Object.assign(answers, {
      'https://example.org/dead': own,
      'https://example.org/script': 'javascript:alert(document.domain)',
      'https://example.org/elsewhere': 'https://evil.example/web/2013/https://example.org/elsewhere',
      'https://example.org/login': `http://user:pass@${api.host}:${api.port}/web/2013/x`,
    });
    const c = client('https://doi.org');
    expect(await closestSnapshot(c, api.origin, 'https://example.org/dead')).toEqual({
      url: own,
      timestamp: '20130919044612',
      status: '200',
    });
    for (const refused of ['script', 'elsewhere', 'login', 'never-archived'])
      expect(await closestSnapshot(c, api.origin, `https://example.org/${refused}`), refused).toBeUndefined();
    expect(api.requests[0]?.path).toBe('/wayback/available?url=https%3A%2F%2Fexample.org%2Fdead');
  });

  it('the Wayback Machine serves snapshots from web.archive.org, a host of archive.org', () => {
    expect(isArchiveUrl('https://web.archive.org/web/2013/https://example.org/', 'https://archive.org')).toBe(
      true,
    );
    expect(isArchiveUrl('https://archive.org.evil.example/web/2013/x', 'https://archive.org')).toBe(false);
    expect(isArchiveUrl('javascript:alert(1)//web.archive.org', 'https://archive.org')).toBe(false);
  });

  it('doi.org addresses are never looked up in the archive: the DOI is verified at the registry', async () => {
    const publisher = await startServer({}, { fallback: status(404) });
    const dns = await startDns({ 'doi.org': publisher.host, 'papers.example': publisher.host });
    const api = await startServer({ '/wayback/available': status(200, {}, '{"archived_snapshots":{}}') });
    const { report } = await runCheck(
      [
        {
          url: `http://doi.org:${publisher.port}/10.1145/x`,
          source: { file: 'a.yaml', line: 1, field: 'urls.landing' },
        },
        {
          url: `http://papers.example:${publisher.port}/x`,
          source: { file: 'a.yaml', line: 2, field: 'urls.open' },
        },
      ],
      {
        allowPrivate: true,
        hostInterval: 0,
        resolve: dns.resolve,
        wayback: { client: client('https://doi.org'), base: api.origin },
      },
    );
    await dns.close();
    expect(report.summary.broken).toBe(2);
    expect(api.requests.map((r) => decodeURIComponent(r.path))).toEqual([
      `/wayback/available?url=http://papers.example:${publisher.port}/x`,
    ]);
  });

  it('an API that fails says nothing', async () => {
    const api = await startServer({ '/wayback/available': sequence(status(500)) });
    expect(
      await closestSnapshot(client('https://doi.org', { retries: 0 }), api.origin, 'https://example.org/x'),
    ).toBeUndefined();
  });
});
