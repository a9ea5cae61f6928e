import { execFile, spawn as spawnChild } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { type Outcome, runCli } from './support/cli.js';
import { closeAll, hang, startServer, status, type TestServer } from './support/servers.js';

const bin = join(import.meta.dirname, '../bin/virtbib.js');
const temps: string[] = [];
afterAll(async () => {
  await closeAll();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A scratch repository (it has a .git folder, so config lookup stops there) holding the given files. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-check-'));
  temps.push(dir);
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * Broken links make `check` ask the Wayback API for an archived copy; tests point it at a closed port on
 * loopback (refused at once) so that nothing leaves the machine. The Wayback lookup itself is tested
 * against a fake API in doi.test.ts and archive.test.ts.
 */
const OFFLINE = ['--wayback-api', 'http://127.0.0.1:9'];
const offline = (args: string[]) =>
  args[0] === 'check' && !args.includes('--help') ? [...args, ...OFFLINE] : args;

const run = (args: string[], cwd: string) => runCli(offline(args), cwd);

/**
 * Runs the built bin as a user would. Asynchronously: the test servers live in this process and must
 * keep answering while the command runs.
 */
function spawn(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...offline(args)],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number) ?? -1) : 0, stdout, stderr }),
    );
  });
}

const FAST = ['--allow-private', '--host-interval', '0', '--retries', '0'];

async function site(): Promise<TestServer> {
  return startServer({
    '/ok': status(200),
    '/gone': status(410),
    '/moved': status(301, { location: '/ok' }),
  });
}

// Concurrent: each test has its own servers and scratch repository, and spawning node is the slow part.
describe.concurrent('virtbib check', () => {
  it('exits 0 when every link works, and says what it checked', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/ok')}\n${s.url('/moved')}\n` });
    const { code, stdout, stderr } = await spawn(['check', 'urls.txt', ...FAST], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`urls.txt:2:1 redirected redirect-permanent ${s.url('/moved')}`);
    expect(stdout).toContain(`suggestion: ${s.url('/ok')}`);
    expect(stdout).toMatch(/checked 2 URLs in [\d.]+ s with 3 requests: 1 redirected, 1 ok/);
    expect(stdout).toContain('no failing links');
    expect(stdout).not.toContain('\u001b[');
  });

  it('exits 1 on a broken link, naming file and line', async () => {
    const s = await site();
    const dir = repo({ 'links.md': `# Links\n\n- [gone](${s.url('/gone')})\n- [ok](${s.url('/ok')})\n` });
    const { code, stdout } = await run(['check', 'links.md', ...FAST], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`links.md:3:10 broken http-410 ${s.url('/gone')}`);
    expect(stdout).toContain('1 failing link\n');
  });

  it('checks README.md docs/: a directory of Markdown and HTML, with unsupported links reported in place', async () => {
    const s = await site();
    const dir = repo({ 'README.md': `[ok](${s.url('/ok')}) [mail](mailto:a@b.example)\n` });
    mkdirSync(join(dir, 'docs/guide'), { recursive: true });
    writeFileSync(join(dir, 'docs/guide/setup.md'), `\n[files](ftp://files.example/data.tar)\n`);
    writeFileSync(join(dir, 'docs/index.html'), `<a href="${s.url('/gone')}">gone</a>\n`);
    const { code, stdout } = await run(['check', 'README.md', 'docs/', ...FAST, '--format', 'json'], dir);
    expect(code).toBe(1);
    const results = JSON.parse(stdout).results as { url: string; code: string; sources: unknown[] }[];
    expect(results.map((r) => [r.code, r.url, r.sources])).toEqual([
      ['http-410', s.url('/gone'), [{ file: 'docs/index.html', line: 1, column: 10 }]],
      [
        'unsupported-scheme',
        'ftp://files.example/data.tar',
        [{ file: 'docs/guide/setup.md', line: 2, column: 9 }],
      ],
      ['ok', s.url('/ok'), [{ file: 'README.md', line: 1, column: 6 }]],
    ]);
  });

  it('refuses loopback addresses without --allow-private', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/ok')}\n` });
    const { code, stdout } = await run(['check', 'urls.txt', '--retries', '0'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('error private-address');
    expect(s.count()).toBe(0);
  });

  it('--format json is the documented report', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/gone')}\n${s.url('/ok')}\n` });
    const { code, stdout } = await spawn(['check', 'urls.txt', ...FAST, '--format', 'json'], dir);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ format: 'virtbib-link-report', version: 1, minFailures: 1, shards: [] });
    expect(report.summary).toMatchObject({ total: 2, broken: 1, ok: 1, failing: 1 });
    expect(report.results[0]).toMatchObject({
      url: s.url('/gone'),
      class: 'broken',
      code: 'http-410',
      status: 410,
      attempts: 1,
      sources: [{ file: 'urls.txt', line: 1, column: 1 }],
    });
  });

  it('--format github, junit and markdown (to a file with --output)', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/gone')}\n` });
    const github = await run(['check', 'urls.txt', ...FAST, '--format', 'github'], dir);
    expect(github.stdout).toMatch(/^::error file=urls\.txt,line=1,col=1,title=broken http-410::/m);
    const junit = await run(['check', 'urls.txt', ...FAST, '--format', 'junit'], dir);
    expect(junit.stdout).toContain('<failure type="http-410"');
    const md = await run(
      ['check', 'urls.txt', ...FAST, '--format', 'markdown', '--output', 'report.md'],
      dir,
    );
    expect(md.code).toBe(1);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('### Broken (1)');
    expect(md.stdout).toContain('1 failing link\n');
  });

  it('--min-failures 2: suspect on the first failing run (exit 0), broken on the second (exit 1)', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/gone')}\n` });
    const first = await run(['check', 'urls.txt', ...FAST, '--min-failures', '2'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('suspect http-410');
    expect(existsSync(join(dir, '.virtbib-state.json'))).toBe(true);
    const second = await run(['check', 'urls.txt', ...FAST, '--min-failures', '2'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('broken http-410');
  });

  it('reads virtbib.config.json at the repository root; flags override it', async () => {
    const s = await site();
    const config = {
      check: {
        hostInterval: 0,
        retries: 0,
        state: 'state/links.json',
        exclude: [
          { pattern: '/gone$', reason: 'known to be gone, kept for the record' },
          { host: 'unused.example', reason: 'no longer linked' },
        ],
      },
    };
    const dir = repo({
      'virtbib.config.json': JSON.stringify(config),
      'urls.txt': `${s.url('/gone')}\n${s.url('/ok')}\n`,
    });
    mkdirSync(join(dir, 'state'));
    const { code, stdout, stderr } = await run(
      ['check', 'urls.txt', '--format', 'json', '--allow-private'],
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary).toMatchObject({ skipped: 1, ok: 1 });
    expect(stderr).toContain('the exclude "unused.example" (no longer linked) matches no URL; remove it');
    expect(existsSync(join(dir, 'state/links.json'))).toBe(true);
    expect(s.count('/gone')).toBe(0);
  });

  it('usage and config errors exit 2 with one clear message, never a stack trace', async () => {
    const dir = repo({
      'urls.txt': 'https://example.org/\n',
      'bad.json': '{"check": {"concurrency": 0, "colour": true}}',
      'lax.json': '{"check": {"allowPrivate": true}}',
    });
    const cases: Promise<void>[] = [];
    for (const [args, message] of [
      [['--format', 'xml'], /--format must be one of text, json, markdown, github, junit/],
      [['--concurrency', 'many'], /--concurrency takes a whole number; got "many"/],
      [['--host-concurrency', '0'], /--host-concurrency must be a positive integer/],
      [['--shard', '3/2'], /--shard must be a shard i\/n/],
      [['--bogus'], /unknown option --bogus/],
      [
        ['--config', 'bad.json'],
        /bad\.json is not a valid config:\n {2}- check\.concurrency must be a positive integer; got 0\n {2}- check\.colour is not a setting/,
      ],
      [
        ['--config', 'lax.json'],
        /check\.allowPrivate must be false or absent: a config file cannot turn off the private-address guard.*pass --allow-private/,
      ],
      [['--config', 'missing.json'], /cannot read the config file .*missing\.json: it does not exist/],
      [['missing.txt'], /missing\.txt does not exist/],
      [['--changed-since', 'no-such-ref'], /--changed-since: git .*failed/],
    ] as const) {
      cases.push(
        run(['check', 'urls.txt', ...args], dir).then(({ code, stderr, stdout }) => {
          expect(code, args.join(' ')).toBe(2);
          expect(stderr, args.join(' ')).toMatch(message);
          expect(stderr + stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
        }),
      );
    }
    await Promise.all(cases);
    // And through the real bin: the exit code and a one-line message reach the shell.
    const real = await spawn(['check', '--config', 'bad.json'], dir);
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/^virtbib check: .*bad\.json is not a valid config/);
  });

  it('--shard splits by host and merge-reports puts the shards back together', async () => {
    const servers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => site()));
    const urls = servers.flatMap((s) => [s.url('/ok'), s.url('/gone')]);
    const dir = repo({ 'urls.txt': `${urls.join('\n')}\n` });
    const one = await run(
      ['check', 'urls.txt', ...FAST, '--shard', '1/2', '--format', 'json', '--output', 'a.json'],
      dir,
    );
    const two = await run(
      ['check', 'urls.txt', ...FAST, '--shard', '2/2', '--format', 'json', '--output', 'b.json'],
      dir,
    );
    expect([one.code, two.code]).toContain(1);
    const a = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(a.shards).toEqual(['1/2']);
    expect(a.summary.total + b.summary.total).toBe(12);
    const hostsA = new Set(a.results.map((r: { url: string }) => new URL(r.url).host));
    for (const r of b.results) expect(hostsA.has(new URL(r.url).host)).toBe(false);
    const merged = await run(['merge-reports', 'a.json', 'b.json'], dir);
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout)).toMatchObject({
      shards: ['1/2', '2/2'],
      summary: { total: 12, broken: 6, ok: 6 },
    });
    const text = await run(['merge-reports', 'a.json', 'b.json', '--format', 'markdown'], dir);
    expect(text.stdout).toContain('### Broken (6)');
    const bad = await run(['merge-reports', 'a.json', 'urls.txt'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('urls.txt is not JSON');
  });

  it('--changed-since checks only the URLs of files changed since the ref', async () => {
    const s = await site();
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-git-'));
    temps.push(dir);
    const git = (...args: string[]) =>
      new Promise<void>((resolve, reject) =>
        execFile(
          'git',
          ['-c', 'user.email=t@example.org', '-c', 'user.name=T', ...args],
          { cwd: dir },
          (e) => (e ? reject(e) : resolve()),
        ),
      );
    await git('init', '-q');
    writeFileSync(join(dir, 'old.md'), `[a](${s.url('/gone')})\n`);
    await git('add', '.');
    await git('commit', '-qm', 'first');
    writeFileSync(join(dir, 'new.md'), `[b](${s.url('/ok')})\n`);
    const { code, stdout } = await run(
      ['check', 'old.md', 'new.md', ...FAST, '--changed-since', 'HEAD', '--format', 'json'],
      dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results.map((r: { url: string }) => r.url)).toEqual([s.url('/ok')]);
  });

  it('on a terminal, a progress bar runs on stderr and is cleared at the end', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/ok')}\n${s.url('/gone')}\n` });
    let stdout = '';
    let stderr = '';
    const code = await main(['check', 'urls.txt', ...FAST, ...OFFLINE], {
      cwd: dir,
      env: {},
      stdout: { write: (chunk: string) => (stdout += chunk), isTTY: true },
      stderr: { write: (chunk: string) => (stderr += chunk), isTTY: true },
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`[${'#'.repeat(30)}]`);
    expect(stderr).toContain('2/2 · 1 failing');
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
    // Colour on a terminal (NO_COLOR unset).
    expect(stdout).toContain('\u001b[31mbroken\u001b[0m');
  });

  it('fits the progress bar to the terminal width; --no-progress turns it off', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/ok')}\n${s.url('/gone')}\n${s.url('/moved')}\n` });
    const terminal = async (columns: number, extra: string[] = []) => {
      let stderr = '';
      await main(['check', 'urls.txt', ...FAST, ...OFFLINE, ...extra], {
        cwd: dir,
        env: { NO_COLOR: '1' },
        stdout: { write: () => true, isTTY: true },
        stderr: Object.assign({ write: (chunk: string) => (stderr += chunk), isTTY: true }, { columns }),
      });
      return stderr;
    };
    for (const columns of [80, 40, 12]) {
      const drawn = (await terminal(columns)).split('\r\u001b[2K').filter(Boolean);
      expect(drawn.length, String(columns)).toBeGreaterThan(0);
      for (const line of drawn) expect(line.length, `${columns}: ${line}`).toBeLessThan(columns);
    }
    expect(await terminal(80, ['--no-progress'])).toBe('');
  });

  it('--output into a missing folder is refused before the first request', async () => {
    const s = await site();
    const dir = repo({ 'urls.txt': `${s.url('/gone')}\n` });
    const { code, stderr } = await run(
      ['check', 'urls.txt', ...FAST, '--format', 'markdown', '--output', 'missing/report.md'],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write missing\/report\.md: the folder missing does not exist/);
    expect(s.count()).toBe(0);
    expect(existsSync(join(dir, '.virtbib-state.json'))).toBe(false);
  });

  it('Ctrl+C stops the run, writes the history and the report of what was checked, and exits 130', async () => {
    const s = await startServer({ '/gone': status(410), '/hang': hang() });
    const dir = repo({ 'urls.txt': `${s.url('/gone')}\n${s.url('/hang')}\n` });
    const child = spawnChild(
      process.execPath,
      [
        bin,
        'check',
        'urls.txt',
        ...FAST,
        '--host-concurrency',
        '1',
        '--format',
        'json',
        '--output',
        'r.json',
        ...OFFLINE,
      ],
      { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Once the hanging URL has been asked, the first one is done: interrupt.
    while (s.count('/hang') === 0) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted; writing the history and the report');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.results.map((r: { url: string; code: string }) => `${r.code} ${r.url}`)).toEqual([
      `http-410 ${s.url('/gone')}`,
      `interrupted ${s.url('/hang')}`,
    ]);
    const state = JSON.parse(readFileSync(join(dir, '.virtbib-state.json'), 'utf8'));
    expect(Object.keys(state.urls)).toEqual([s.url('/gone')]);
    expect(state.urls[s.url('/gone')].consecutiveFailures).toBe(1);
  });

  it('--help documents the flags and exit codes', async () => {
    const { code, stdout } = await run(['check', '--help'], tmpdir());
    expect((await run(['--help'], tmpdir())).stdout).toMatch(/check .*\n.*merge-reports/s);
    expect(code).toBe(0);
    for (const flag of [
      '--format',
      '--concurrency',
      '--host-concurrency',
      '--host-interval',
      '--timeout',
      '--retries',
      '--min-failures',
      '--state',
      '--allow-private',
      '--changed-since',
      '--shard',
      '--config',
      '--budget',
    ])
      expect(stdout).toContain(flag);
    expect(stdout).toContain('Exit codes: 0');
  });
});
