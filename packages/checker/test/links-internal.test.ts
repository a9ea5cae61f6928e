import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkInternalLinks } from '../src/links/internal.js';
import { readInputs } from '../src/links/sources/index.js';
import type { InternalLink } from '../src/links/types.js';
import { runCli } from './support/cli.js';
import { closeAll, startServer, status } from './support/servers.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
afterEach(closeAll);

/** A folder of files (a small built site, or a repository with Markdown), removed after the tests. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-internal-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const page = (body: string) => `<!doctype html><html><body>\n${body}\n</body></html>\n`;

const SITE = {
  'site/index.html': page(
    [
      '<a href="page.html">a page</a>', // 2
      '<a href="page.html#there">an id on it</a>', // 3
      '<a href="page.html#nowhere">an id it lacks</a>', // 4
      '<a href="missing.html">no such page</a>', // 5
      '<a href="../secret.html">out of the site</a>', // 6
      '<a href="sub/">a folder with an index</a>', // 7
      '<a href="#top">top</a> <a href="#intro">a fragment of this page</a> <h2 id="intro">Intro</h2>', // 8
      '<link rel="stylesheet" href="assets/site.css?v=1">', // 9
      '<a href="my%20file.html">percent-encoded</a>', // 10
      '<a href="/base/page.html">root-relative, under the base path</a>', // 11
      '<a href="https://example.org/">the web, not internal</a>', // 12
    ].join('\n'),
  ),
  'site/page.html': page('<p id="there">here</p><a name="old-anchor"></a>'),
  'site/sub/index.html': page('<a href="../page.html#old-anchor">back</a>'),
  'site/assets/site.css': 'body{}',
  'site/my file.html': page(''),
  'secret.html': page('outside the site'),
};

function internalOf(dir: string, input: string): InternalLink[] {
  const links: InternalLink[] = [];
  readInputs(input, dir, undefined, links);
  return links;
}

describe('internal links of a built site', () => {
  it('resolves each relative link against the folder checked, with its file and line', () => {
    const dir = folder(SITE);
    const results = checkInternalLinks(internalOf(dir, 'site'), dir, { basePath: '/base/' });
    const verdict = (url: string) => results.find((r) => r.url === url);
    expect(verdict('site/page.html')?.code).toBe('internal-ok');
    expect(verdict('site/page.html#there')?.code).toBe('internal-ok');
    expect(verdict('site/page.html#old-anchor')?.code).toBe('internal-ok');
    expect(verdict('site/sub/index.html')?.code).toBe('internal-ok');
    expect(verdict('site/index.html#intro')?.code).toBe('internal-ok');
    expect(verdict('site/assets/site.css')?.code).toBe('internal-ok');
    expect(verdict('site/my file.html')?.code).toBe('internal-ok');
    const broken = results.filter((r) => r.class === 'broken');
    expect(broken.map((r) => [r.code, r.sources.map((s) => `${s.file}:${s.line}`)])).toEqual([
      ['internal-anchor', ['site/index.html:4']],
      ['internal-missing', ['site/index.html:5']],
      ['internal-outside', ['site/index.html:6']],
    ]);
    // The page is linked from two places (lines 2 and 11): one result, both places.
    expect(verdict('site/page.html')?.sources.map((s) => s.line)).toEqual([2, 11]);
    expect(results.some((r) => r.url.startsWith('https:'))).toBe(false);
  });

  it('without the base path, a root-relative link under another prefix is outside the site', () => {
    const dir = folder(SITE);
    const results = checkInternalLinks(internalOf(dir, 'site'), dir, { basePath: '/other/' });
    const outside = results.filter((r) => r.code === 'internal-outside');
    expect(outside.map((r) => r.sources[0]?.line).sort()).toEqual([11, 6].sort());
  });

  it('checks Markdown links to files, and leaves heading anchors of Markdown to the renderer', () => {
    const dir = folder({
      'README.md':
        '[data](packages/data/README.md) [gone](docs/gone.md) [section](#usage) [x](packages/data/README.md#fields)\n',
      'packages/data/README.md': '# Data\n',
    });
    const results = checkInternalLinks(internalOf(dir, 'README.md'), dir);
    expect(results.map((r) => [r.url, r.code])).toEqual([
      ['packages/data/README.md', 'internal-ok'],
      ['docs/gone.md', 'internal-missing'],
      ['README.md#usage', 'internal-ok'],
      ['packages/data/README.md#fields', 'internal-ok'],
    ]);
  });
});

describe('virtbib check --internal-only', () => {
  it('reports broken internal links with exit 1 and sends no request', async () => {
    const dir = folder(SITE);
    const { code, stdout } = await runCli(['check', 'site', '--internal-only', '--base-path', '/base/'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('site/index.html:5:10 broken internal-missing site/missing.html');
    expect(stdout).toContain('site/index.html:4:10 broken internal-anchor site/page.html#nowhere');
    expect(stdout).toContain('0 requests');
  });

  it('passes a site whose links all resolve', async () => {
    const dir = folder({
      'site/index.html': page('<a href="page.html#x">x</a> <a href="https://example.org/">web</a>'),
      'site/page.html': page('<p id="x"></p>'),
    });
    const { code, stdout } = await runCli(['check', 'site', '--internal-only'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('1 ok');
  });

  it('keeps internal links out of the history and the archive, and never reads a file: link', async () => {
    const archive = await startServer({}, { fallback: status(200, {}, '{"archived_snapshots":{}}') });
    const dir = folder({
      'site/index.html': page(
        '<a href="missing.html">gone</a> <a href="file:///etc/hostname">local file</a>',
      ),
    });
    const state = join(dir, 'state.json');
    const { code, stdout } = await runCli(
      ['check', 'site', '--state', state, '--wayback-api', archive.origin, '--allow-private'],
      dir,
    );
    expect(code).toBe(1);
    expect(stdout).toContain('broken internal-missing site/missing.html');
    // A file: link written in a document is a link the checker cannot follow, never a file it opens.
    expect(stdout).toContain('invalid unsupported-scheme file:///etc/hostname');
    expect(archive.requests).toHaveLength(0);
    expect(readFileSync(state, 'utf8')).not.toContain('missing.html');
  });
});
