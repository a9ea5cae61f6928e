import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { startRegistry } from './support/registry.js';
import { closeAll, startServer, status, type TestServer } from './support/servers.js';

const temps: string[] = [];
afterEach(closeAll);
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const topics = 'topics:\n  - id: overview\n    title: Overview\n    description: The basics.\n';

function entry(id: string, title: string, extra = ''): string {
  return `id: ${id}\ntype: paper-conference\ntitle: ${title}\nauthors:\n  - family: Barham\n    given: Paul\nyear: 2003\n${extra}topics: [overview]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n`;
}

/** A scratch repository with a dataset in data/ (a .git folder stops config and root lookup). */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-doi-'));
  temps.push(dir);
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'data/entries'), { recursive: true });
  writeFileSync(join(dir, 'data/topics.yaml'), topics);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const run = runCli;

const xenCsl = {
  type: 'paper-conference',
  title: 'Xen and the art of virtualization',
  author: [{ family: 'Barham', given: 'Paul' }],
  issued: { 'date-parts': [[2003, 10]] },
  'container-title': 'Proceedings of the nineteenth ACM symposium on Operating systems principles',
  page: '164-177',
  publisher: 'ACM',
  DOI: '10.1145/945445.945462',
};

/**
 * A fake Wayback availability API. `snapshots` maps a URL to its snapshot's address, given the API's own
 * origin (a snapshot is only trusted on the archive's host).
 */
async function wayback(
  snapshots: Record<string, string> | ((origin: string) => Record<string, string>),
): Promise<TestServer> {
  const api: TestServer = await startServer({
    '/wayback/available': (req, res, call) => {
      const asked = new URL(req.url ?? '', 'http://x').searchParams.get('url') ?? '';
      const known = typeof snapshots === 'function' ? snapshots(api.origin) : snapshots;
      const url = Object.hasOwn(known, asked) ? known[asked] : undefined;
      const body = url
        ? {
            archived_snapshots: {
              closest: { available: true, url, timestamp: '20200101000000', status: '200' },
            },
          }
        : { archived_snapshots: {} };
      status(200, { 'content-type': 'application/json' }, JSON.stringify(body))(req, res, call);
    },
  });
  return api;
}

describe('virtbib check verifies DOIs and suggests archived copies', () => {
  it('reports doi-ok, doi-mismatch (naming fields) and doi-not-found with file and line', async () => {
    const registry = await startRegistry({
      '10.1145/945445.945462': { csl: xenCsl },
      '10.1145/1/wrong': {
        csl: {
          ...xenCsl,
          title: 'Terra: a virtual machine-based platform',
          author: [{ family: 'Garfinkel' }],
        },
      },
    });
    const dir = repo({
      'data/entries/barham2003xen.yaml': entry(
        'barham2003xen',
        'Xen and the Art of Virtualization',
        'doi: 10.1145/945445.945462\n',
      ),
      'data/entries/barham2003wrong.yaml': entry(
        'barham2003wrong',
        'Xen and the Art of Virtualization, Again',
        'doi: 10.1145/1/wrong\n',
      ),
      'data/entries/barham2003gone.yaml': entry('barham2003gone', 'Something Else', 'doi: 10.1145/404\n'),
    });
    const api = await wayback({});
    const args = [
      'check',
      'data',
      '--allow-private',
      '--doi-resolver',
      registry.resolver.origin,
      '--wayback-api',
      api.origin,
    ];
    const { code, stdout } = await run(
      [...args, '--format', 'json', '--state', join(dir, 'state.json')],
      dir,
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const byUrl = Object.fromEntries(report.results.map((r: { url: string }) => [r.url, r]));
    expect(byUrl['doi:10.1145/945445.945462']).toMatchObject({ class: 'ok', code: 'doi-ok' });
    expect(byUrl['doi:10.1145/1/wrong']).toMatchObject({
      class: 'broken',
      code: 'doi-mismatch',
      sources: [{ file: 'data/entries/barham2003wrong.yaml', line: 8, field: 'doi' }],
      mismatches: [
        {
          field: 'title',
          entry: 'Xen and the Art of Virtualization, Again',
          registry: 'Terra: a virtual machine-based platform',
        },
        { field: 'author', entry: 'Barham', registry: 'Garfinkel' },
      ],
    });
    expect(byUrl['doi:10.1145/404']).toMatchObject({ class: 'broken', code: 'doi-not-found' });
    // DOIs never go to the Wayback API.
    expect(api.count()).toBe(0);

    const text = await run([...args, '--state', join(dir, 'state2.json')], dir);
    expect(text.stdout).toContain('doi-mismatch');
    expect(text.stdout).toMatch(
      /title "Xen and the Art of Virtualization, Again" here, "Terra: a virtual machine-based platform" at the registry/,
    );
  });

  it('a DOI cited by two entries is compared with each; a mismatch is reported on its own entry', async () => {
    const registry = await startRegistry({ '10.1145/945445.945462': { csl: xenCsl } });
    const dir = repo({
      'data/entries/barham2003xen.yaml': entry(
        'barham2003xen',
        'Xen and the Art of Virtualization',
        'doi: 10.1145/945445.945462\n',
      ),
      // Written later with the neighbouring paper's DOI by mistake: before, only one entry was compared.
      'data/entries/barham2003zen.yaml': entry(
        'barham2003zen',
        'Zen and the Art of Motorcycle Maintenance',
        'doi: 10.1145/945445.945462\n',
      ),
    });
    const args = ['check', 'data', '--allow-private', '--doi-resolver', registry.resolver.origin];
    const json = await run([...args, '--format', 'json', '--state', join(dir, 's1.json')], dir);
    expect(json.code).toBe(1);
    const [result] = JSON.parse(json.stdout).results;
    expect(result).toMatchObject({
      url: 'doi:10.1145/945445.945462',
      code: 'doi-mismatch',
      mismatches: [
        {
          field: 'title',
          entry: 'Zen and the Art of Motorcycle Maintenance',
          id: 'barham2003zen',
          file: 'data/entries/barham2003zen.yaml',
        },
      ],
    });
    // The entry that disagrees comes first; both places are listed.
    expect(result.sources.map((s: { file: string }) => s.file)).toEqual([
      'data/entries/barham2003zen.yaml',
      'data/entries/barham2003xen.yaml',
    ]);
    // The annotation lands on the entry that is wrong, not on the one that is right.
    const github = await run([...args, '--format', 'github', '--state', join(dir, 's2.json')], dir);
    const annotations = github.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=data\/entries\/barham2003zen\.yaml,line=8/);
    // One registry lookup for the two entries.
    expect(registry.handleQueries).toEqual(['10.1145/945445.945462', '10.1145/945445.945462']);
  });

  it('--no-doi leaves DOIs out', async () => {
    const dir = repo({
      'data/entries/barham2003xen.yaml': entry('barham2003xen', 'Xen', 'doi: 10.1145/945445.945462\n'),
    });
    const { code, stdout } = await run(
      ['check', 'data', '--no-doi', '--format', 'json', '--state', join(dir, 's.json')],
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary.total).toBe(0);
  });

  it('a DOI result goes through the history: suspect first with --min-failures 2, broken the next run', async () => {
    const registry = await startRegistry({});
    const dir = repo({
      'data/entries/barham2003gone.yaml': entry('barham2003gone', 'Gone', 'doi: 10.1145/404\n'),
    });
    const args = [
      'check',
      'data',
      '--allow-private',
      '--doi-resolver',
      registry.resolver.origin,
      '--min-failures',
      '2',
      '--state',
      join(dir, 's.json'),
      '--format',
      'json',
    ];
    const first = await run(args, dir);
    expect(JSON.parse(first.stdout).results[0]).toMatchObject({ class: 'suspect', code: 'doi-not-found' });
    expect(first.code).toBe(0);
    const second = await run(args, dir);
    expect(JSON.parse(second.stdout).results[0]).toMatchObject({ class: 'broken', code: 'doi-not-found' });
    expect(second.code).toBe(1);
  });

  it('suggests the closest snapshot of a broken link, and --fix writes it as urls.archived keeping comments', async () => {
    const site = await startServer({ '/gone': status(410), '/ok': status(200) });
    const dead = site.url('/gone');
    const api = await wayback((origin) => ({ [dead]: `${origin}/web/20200101000000/${dead}` }));
    const original = `# Checked by hand in 2024.\n${entry('barham2003gone', 'Gone', `urls:\n  landing: ${dead} # the old page\n  open: ${site.url('/ok')}\n`)}`;
    const dir = repo({ 'data/entries/barham2003gone.yaml': original });
    const args = [
      'check',
      'data',
      '--allow-private',
      '--no-doi',
      '--wayback-api',
      api.origin,
      '--state',
      join(dir, 's.json'),
    ];
    const { code, stdout, stderr } = await run([...args, '--format', 'json', '--fix'], dir);
    expect(code).toBe(1);
    const broken = JSON.parse(stdout).results.find((r: { url: string }) => r.url === dead);
    const snapshot = `${api.origin}/web/20200101000000/${dead}`;
    expect(broken.suggestion).toEqual({ url: snapshot, reason: 'archived-copy' });
    expect(stderr).toContain('added urls.archived to data/entries/barham2003gone.yaml');
    const after = readFileSync(join(dir, 'data/entries/barham2003gone.yaml'), 'utf8');
    expect(after).toContain('# Checked by hand in 2024.');
    expect(after).toContain(`landing: ${dead} # the old page`);
    expect(after).toContain(`  archived: ${snapshot}\n`);
    expect(readdirSync(join(dir, 'data/entries'))).toEqual(['barham2003gone.yaml']);
    expect((await run(['validate', 'data'], dir)).code).toBe(0);

    // A second --fix leaves the entry as it is.
    await run([...args, '--fix'], dir);
    expect(readFileSync(join(dir, 'data/entries/barham2003gone.yaml'), 'utf8')).toBe(after);
  });

  it('--fix writes only archive pages of the archive host, and only for links broken in this run', async () => {
    const site = await startServer({ '/gone': status(410), '/also-gone': status(404), '/ok': status(200) });
    const [gone, alsoGone, ok] = [site.url('/gone'), site.url('/also-gone'), site.url('/ok')];
    // A hostile archive: a script URL for one, another site's page for the other.
    const api = await wayback({
      [gone]: 'javascript:alert(document.cookie)',
      [alsoGone]: 'https://evil.example/x',
    });
    const files = {
      'data/entries/doe2003a.yaml': entry('doe2003a', 'A', `urls:\n  landing: ${gone}\n`),
      'data/entries/doe2003b.yaml': entry('doe2003b', 'B', `urls:\n  landing: ${alsoGone}\n`),
      'data/entries/doe2003c.yaml': entry('doe2003c', 'C', `urls:\n  landing: ${ok}\n`),
    };
    const dir = repo(files);
    // A planted cache: the working link "has" an archived copy to write.
    const at = new Date().toISOString();
    writeFileSync(
      join(dir, 's.json'),
      JSON.stringify({
        format: 'virtbib-link-state',
        version: 1,
        urls: {
          [ok]: {
            lastChecked: at,
            lastSuccess: at,
            consecutiveFailures: 0,
            recent: [
              {
                at,
                class: 'ok',
                code: 'ok',
                suggestion: { url: `${api.origin}/web/x`, reason: 'archived-copy' },
              },
            ],
          },
        },
      }),
    );
    const { code, stdout, stderr } = await run(
      [
        'check',
        'data',
        '--allow-private',
        '--no-doi',
        '--wayback-api',
        api.origin,
        '--state',
        join(dir, 's.json'),
        '--fix',
        '--format',
        'json',
      ],
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).not.toContain('added urls.archived');
    for (const result of JSON.parse(stdout).results) expect(result.suggestion, result.url).toBeUndefined();
    for (const [name, text] of Object.entries(files))
      expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    expect(api.count()).toBe(2);
  });

  it('stops asking a Wayback API that cannot be reached, and says so', async () => {
    const site = await startServer({});
    const urls = Array.from(
      { length: 8 },
      (_, i) => `  ${i === 0 ? 'landing' : 'open'}: ${site.url(`/gone${i}`)}\n`,
    );
    const files: Record<string, string> = {};
    urls.forEach((line, i) => {
      files[`data/entries/doe2003e${i}.yaml`] = entry(`doe2003e${i}`, `Entry ${i}`, `urls:\n${line}`);
    });
    const dir = repo(files);
    const args = [
      'check',
      'data',
      '--allow-private',
      '--no-doi',
      '--retries',
      '0',
      '--wayback-api',
      'http://127.0.0.1:9',
    ];
    const { code, stderr } = await run([...args, '--state', join(dir, 's.json')], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /the Wayback API could not be reached \(.*ECONNREFUSED.*\); no archived copies were looked up/,
    );
  });

  it('a broken link without a snapshot gets no suggestion', async () => {
    const site = await startServer({ '/gone': status(404) });
    const api = await wayback({});
    const dir = repo({
      'data/entries/barham2003gone.yaml': entry(
        'barham2003gone',
        'Gone',
        `urls:\n  landing: ${site.url('/gone')}\n`,
      ),
    });
    const { stdout } = await run(
      [
        'check',
        'data',
        '--allow-private',
        '--no-doi',
        '--wayback-api',
        api.origin,
        '--format',
        'json',
        '--state',
        join(dir, 's.json'),
      ],
      dir,
    );
    const result = JSON.parse(stdout).results[0];
    expect(result).toMatchObject({ class: 'broken', code: 'http-404' });
    expect(result.suggestion).toBeUndefined();
    expect(api.count()).toBe(1);
  });
});

describe('virtbib add', () => {
  it('scaffolds a validated entry from a DOI', async () => {
    const registry = await startRegistry({ '10.1145/945445.945462': { csl: xenCsl } });
    const dir = repo({});
    const { code, stdout, stderr } = await run(
      [
        'add',
        'https://doi.org/10.1145/945445.945462',
        '--data',
        'data',
        '--topic',
        'overview',
        '--annotation',
        'The paper that introduced paravirtualization with Xen.',
        '--doi-resolver',
        registry.resolver.origin,
        '--allow-private',
      ],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('wrote data/entries/barham2003xen.yaml');
    const text = readFileSync(join(dir, 'data/entries/barham2003xen.yaml'), 'utf8');
    expect(text).toContain('title: Xen and the art of virtualization\n');
    expect(text).toContain('doi: 10.1145/945445.945462\n');
    expect(text).toContain('pages: 164-177\n');
    expect(text).toContain('  landing: https://doi.org/10.1145/945445.945462\n');
    // The record checked is the resolver's: the test's, here, not doi.org.
    expect(text).toContain(`    - ${registry.resolver.origin}/10.1145/945445.945462\n`);
    expect((await run(['validate', 'data'], dir)).code).toBe(0);
  });

  it('refuses a DOI that is already in the dataset, naming the entry', async () => {
    const dir = repo({
      'data/entries/barham2003xen.yaml': entry('barham2003xen', 'Xen', 'doi: 10.1145/945445.945462\n'),
    });
    const { code, stderr } = await run(
      ['add', '10.1145/945445.945462', '--data', 'data', '--topic', 'overview'],
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('already in the dataset as entries/barham2003xen.yaml');
  });

  it('adds from BibTeX with a suffix when the conventional ID is taken, and refuses a known title', async () => {
    const dir = repo({
      'data/entries/barham2003xen.yaml': entry('barham2003xen', 'Something Different'),
      'paper.bib':
        '@inproceedings{x,\n  title = {{Xen} and the Art of Virtualization},\n  author = {Barham, Paul and Dragovic, Boris},\n  booktitle = {Proc. SOSP},\n  year = {2003},\n  pages = {164--177}\n}\n',
    });
    const add = [
      'add',
      '--bibtex',
      'paper.bib',
      '--data',
      'data',
      '--topic',
      'overview',
      '--annotation',
      'Paravirtualization made practical on x86.',
    ];
    const first = await run(add, dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote data/entries/barham2003xen-2.yaml');
    const text = readFileSync(join(dir, 'data/entries/barham2003xen-2.yaml'), 'utf8');
    expect(text).toContain('title: Xen and the Art of Virtualization\n');
    expect(text).toContain('  - family: Dragovic\n');
    const again = await run(add, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already in the dataset as entries/barham2003xen-2.yaml');
  });

  it('usage errors: no topic, unknown topic, both a DOI and --bibtex', async () => {
    const dir = repo({});
    expect((await run(['add', '10.1/x', '--data', 'data'], dir)).code).toBe(2);
    expect((await run(['add', '--bibtex', 'x.bib', '10.1/x', '--data', 'data'], dir)).code).toBe(2);
    expect((await run(['add', 'not-a-doi', '--data', 'data', '--topic', 'overview'], dir)).code).toBe(2);
  });
});
