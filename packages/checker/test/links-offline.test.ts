import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli.js';
import { closeAll, startServer, status } from './support/servers.js';

// This machine, offline: every name fails to resolve, as getaddrinfo says when no resolver answers.
// (Mocked here, so that the test asks no resolver at all; IP addresses still connect.)
const asked: string[] = [];
vi.mock('node:dns/promises', async (original) => ({
  ...(await original<typeof import('node:dns/promises')>()),
  lookup: async (hostname: string) => {
    asked.push(hostname);
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
  },
}));

const temps: string[] = [];
afterAll(async () => {
  await closeAll();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const topics = 'topics:\n  - id: overview\n    title: Overview\n    description: The basics.\n';
const entry = (id: string, urls: string) =>
  `id: ${id}\ntype: paper-conference\ntitle: Paper ${id}\nauthors:\n  - family: Doe\n    given: Jane\nyear: 2003\ndoi: 10.1145/${id}\nurls:\n${urls}topics: [overview]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n`;

describe('offline: every host name fails to resolve', () => {
  it('says so, exits 3, and changes nothing: no history, no archived copies, no report', async () => {
    // The archive is reachable (an IP address needs no resolver): before, --fix wrote its copies into
    // every entry, doi.org addresses included.
    const archive = await startServer({
      '/wayback/available': (req, res, call) => {
        const asked = new URL(req.url ?? '', 'http://x').searchParams.get('url');
        const body = {
          archived_snapshots: {
            closest: {
              available: true,
              url: `${archive.origin}/web/2020/${asked}`,
              timestamp: '2020',
              status: '200',
            },
          },
        };
        status(200, { 'content-type': 'application/json' }, JSON.stringify(body))(req, res, call);
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-offline-'));
    temps.push(dir);
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'data/entries'), { recursive: true });
    writeFileSync(join(dir, 'data/topics.yaml'), topics);
    const files = {
      'data/entries/doe2003a.yaml': entry('doe2003a', '  landing: https://papers.example.org/a\n'),
      'data/entries/doe2003b.yaml': entry('doe2003b', '  landing: https://doi.org/10.1145/doe2003b\n'),
      'data/entries/doe2003c.yaml': entry('doe2003c', '  open: https://mirror.example.net/c.pdf\n'),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const state = JSON.stringify({ format: 'virtbib-link-state', version: 1, urls: {} });
    writeFileSync(join(dir, '.virtbib-state.json'), state);

    const { code, stdout, stderr } = await runCli(
      [
        'check',
        'data',
        '--fix',
        '--wayback-api',
        archive.origin,
        '--allow-private',
        '--output',
        'links.md',
        '--format',
        'markdown',
      ],
      dir,
    );
    expect(stderr).toMatch(
      /no host name could be resolved \(\d+ hosts, e\.g\. .*\) and no server was reached: this machine looks offline/,
    );
    expect(stderr).toMatch(/Nothing was changed/);
    expect(code).toBe(3);
    expect(stdout).toMatch(/checked 6 URLs/);
    expect(asked).toEqual(expect.arrayContaining(['papers.example.org', 'mirror.example.net', 'doi.org']));
    for (const [name, text] of Object.entries(files))
      expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, '.virtbib-state.json'), 'utf8')).toBe(state);
    expect(readdirSync(dir).sort()).toEqual(['.git', '.virtbib-state.json', 'data']);
    expect(archive.count()).toBe(0);
  });
});
