import type { Entry } from '@virtbib/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../src/doi/client.js';
import { lookupHandle } from '../src/doi/verify.js';
import { runCheck } from '../src/links/index.js';
import {
  closeAll,
  hang,
  processingForever,
  startRawServer,
  startServer,
  status,
  trickle,
} from './support/servers.js';

// Hostile registries: each of these kept `virtbib check` running for as long as the server liked.
afterAll(closeAll);

const clients: RegistryClient[] = [];
function client(resolver: string, options: ConstructorParameters<typeof RegistryClient>[0] = {}) {
  const c = new RegistryClient({ resolver, allowPrivate: true, retryDelay: 20, ...options });
  clients.push(c);
  return c;
}
// Concurrent tests: clients are closed when all are done, not after each.
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

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
const doiInput = {
  url: 'doi:10.1145/945445.945462',
  source: { file: 'entries/barham2003xen.yaml', line: 8, field: 'doi' },
};
const entries = new Map([['entries/barham2003xen.yaml', xen]]);

describe.concurrent('every registry request has a total deadline', () => {
  it('a body that trickles forever ends at the deadline', async () => {
    const registry = await startServer({}, { fallback: trickle(50) });
    const result = await lookupHandle(client(registry.origin, { timeout: 1_000, retries: 0 }), '10.1/x');
    expect(result).toMatchObject({ state: 'unverifiable', detail: expect.stringMatching(/within 1000 ms/) });
  });

  it('an endless stream of 102 Processing ends at the deadline', async () => {
    const registry = await startRawServer(processingForever(50));
    const result = await lookupHandle(client(registry.origin, { timeout: 1_000, retries: 0 }), '10.1/x');
    expect(result).toMatchObject({ state: 'unverifiable', detail: expect.stringMatching(/within 1000 ms/) });
  });

  it('a rate limit of one request an hour is capped like any other wait', async () => {
    const registry = await startServer(
      {},
      {
        fallback: status(
          200,
          {
            'content-type': 'application/json',
            'x-rate-limit-limit': '1',
            'x-rate-limit-interval': '3600s',
          },
          '{"responseCode": 1}',
        ),
      },
    );
    const c = client(registry.origin, { maxRetryAfter: 300 });
    for (let i = 0; i < 3; i++) expect((await lookupHandle(c, `10.1/${i}`)).state).toBe('registered');
    expect(registry.count()).toBe(3);
  });
});

describe.concurrent('the run budget covers the registry and the archive', () => {
  it('DOIs not verified when the budget runs out are skipped, not left hanging', async () => {
    // Every request answers 429 "come back in an hour", and a registry request alone could take minutes.
    const registry = await startServer({}, { fallback: status(429, { 'retry-after': '3600' }) });
    const stuck = await startServer({}, { fallback: hang() });
    for (const base of [registry.origin, stuck.origin]) {
      const c = client(base, { timeout: 600_000, retries: 5 });
      const { report } = await runCheck([doiInput], {
        budget: 1_000,
        doi: { client: c, entries },
      });
      expect(report.results).toMatchObject([{ class: 'skipped', code: 'run-budget-exceeded' }]);
    }
  });

  it('Wayback lookups stop with the budget', async () => {
    const site = await startServer({ '/gone': status(410) });
    const archive = await startServer({}, { fallback: hang() });
    const { report } = await runCheck([{ url: site.url('/gone') }], {
      allowPrivate: true,
      hostInterval: 0,
      budget: 1_500,
      wayback: { client: client('https://doi.org', { timeout: 600_000 }), base: archive.origin },
    });
    expect(report.results).toMatchObject([{ class: 'broken', code: 'http-410' }]);
    expect(report.results[0]!.suggestion).toBeUndefined();
    expect(archive.count()).toBe(1);
  });

  it('time spent reading the inputs counts against the budget', async () => {
    const site = await startServer({ '/': status(200) });
    const { report } = await runCheck([{ url: site.url('/') }], {
      allowPrivate: true,
      budget: 60_000,
      startedAt: Date.now() - 61_000,
    });
    expect(report.results).toMatchObject([{ code: 'run-budget-exceeded' }]);
    expect(site.count()).toBe(0);
  });
});
