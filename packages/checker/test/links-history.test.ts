import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { withLock } from '../src/links/history/lock.js';
import { History, type LinkResult, type RunOptions, render, runCheck } from '../src/links/index.js';
import { closeAll, delay, sequence, startServer, status } from './support/servers.js';

afterEach(closeAll);
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-state-'));
  temps.push(dir);
  return join(dir, 'state.json');
}

const FAST: RunOptions = { allowPrivate: true, hostInterval: 0, retryDelay: 10, retries: 0 };

async function run(url: string, options: RunOptions) {
  const { report, warnings } = await runCheck([{ url }], { ...FAST, ...options });
  return { result: report.results[0]!, report, warnings };
}

describe('history', () => {
  it('a failure is suspect until it fails --min-failures runs in a row, then broken', async () => {
    const s = await startServer({ '/': status(404) });
    const statePath = stateFile();
    const first = await run(s.url('/'), { statePath, minFailures: 2 });
    expect(first.result).toMatchObject({
      class: 'suspect',
      observed: 'broken',
      code: 'http-404',
      consecutiveFailures: 1,
    });
    expect(first.report.summary).toMatchObject({ suspect: 1, failing: 0 });
    const second = await run(s.url('/'), { statePath, minFailures: 2 });
    expect(second.result).toMatchObject({ class: 'broken', code: 'http-404', consecutiveFailures: 2 });
    expect(second.report.summary.failing).toBe(1);
  });

  it('a success resets the count', async () => {
    const s = await startServer({ '/': sequence(status(500), status(200), status(500)) });
    const statePath = stateFile();
    expect((await run(s.url('/'), { statePath, minFailures: 2 })).result.class).toBe('suspect');
    expect((await run(s.url('/'), { statePath, minFailures: 2, cacheTtl: 0 })).result.class).toBe('ok');
    expect((await run(s.url('/'), { statePath, minFailures: 2, cacheTtl: 0 })).result).toMatchObject({
      class: 'suspect',
      consecutiveFailures: 1,
    });
  });

  it('with --min-failures 1 (the default) a failure is reported at once', async () => {
    const s = await startServer({ '/': status(410) });
    expect((await run(s.url('/'), { statePath: stateFile() })).result.class).toBe('broken');
  });

  it('blocked links neither pass nor fail', async () => {
    const s = await startServer({ '/': sequence(status(404), status(404), status(999)) });
    const statePath = stateFile();
    await run(s.url('/'), { statePath, minFailures: 3 });
    const blocked = await run(s.url('/'), { statePath, minFailures: 3 });
    expect(blocked.result.class).toBe('blocked');
    expect(History.load(statePath).history.get(s.url('/'))?.consecutiveFailures).toBe(1);
  });
});

describe('cache', () => {
  it('skips a link verified less than the TTL ago, and checks it again after', async () => {
    const s = await startServer({ '/': status(200) });
    const statePath = stateFile();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const options = { statePath, cacheTtl: 60_000, now: () => now };
    expect((await run(s.url('/'), options)).result).toMatchObject({ class: 'ok' });
    expect(s.count()).toBe(1);
    now += 30_000;
    const cached = await run(s.url('/'), options);
    expect(cached.result).toMatchObject({ class: 'ok', cached: true, requests: 0 });
    expect(cached.report.summary.cached).toBe(1);
    expect(s.count()).toBe(1);
    now += 60_000;
    expect((await run(s.url('/'), options)).result.cached).toBeUndefined();
    expect(s.count()).toBe(2);
  });

  it('never caches an error as a success', async () => {
    const s = await startServer({ '/': status(500) });
    const statePath = stateFile();
    await run(s.url('/'), { statePath, cacheTtl: 3_600_000 });
    await run(s.url('/'), { statePath, cacheTtl: 3_600_000 });
    expect(s.count()).toBe(2);
  });

  it('a success after failures is not served from cache while failures are counted', async () => {
    // HEAD 200; then HEAD 404 confirmed by GET 404; then 200 again.
    const s = await startServer({ '/': sequence(status(200), status(404), status(404), status(200)) });
    const statePath = stateFile();
    await run(s.url('/'), { statePath, cacheTtl: 0 });
    await run(s.url('/'), { statePath, cacheTtl: 0, minFailures: 2 });
    const third = await run(s.url('/'), { statePath, cacheTtl: 3_600_000 });
    expect(third.result.cached).toBeUndefined();
    expect(third.result.class).toBe('ok');
    expect(s.count()).toBe(4);
  });

  it('keeps the suggestion of a cached permanent redirect', async () => {
    const s = await startServer({ '/old': status(301, { location: '/new' }), '/new': status(200) });
    const statePath = stateFile();
    await run(s.url('/old'), { statePath });
    const cached = await run(s.url('/old'), { statePath, cacheTtl: 3_600_000 });
    expect(cached.result).toMatchObject({
      cached: true,
      code: 'redirect-permanent',
      suggestion: { url: s.url('/new') },
    });
  });
});

describe('state file', () => {
  it('is written atomically as versioned JSON', async () => {
    const s = await startServer({ '/': status(200) });
    const statePath = stateFile();
    await run(s.url('/'), { statePath });
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(state).toMatchObject({ format: 'virtbib-link-state', version: 1 });
    expect(state.urls[s.url('/')]).toMatchObject({
      consecutiveFailures: 0,
      recent: [{ class: 'ok', code: 'ok' }],
    });
  });

  it('a corrupt file is reported, kept aside and rebuilt, never a crash', async () => {
    const s = await startServer({ '/': status(200) });
    for (const corrupt of [
      '{"format": "virtbib-link-state", "vers',
      '[]',
      '{"format":"virtbib-link-state","version":1,"urls":{"x":{"lastChecked":5}}}',
    ]) {
      const statePath = stateFile();
      writeFileSync(statePath, corrupt);
      const { result, warnings } = await run(s.url('/'), { statePath });
      expect(result.class).toBe('ok');
      expect(warnings.join('\n')).toMatch(/is corrupt .*starting a new history/);
      expect(readFileSync(`${statePath}.corrupt`, 'utf8')).toBe(corrupt);
      expect(JSON.parse(readFileSync(statePath, 'utf8')).urls[s.url('/')]).toBeDefined();
    }
  });

  it('still reads the pretty-printed files of earlier versions', async () => {
    const s = await startServer({ '/': status(404) });
    const statePath = stateFile();
    const old = {
      format: 'virtbib-link-state',
      version: 1,
      urls: {
        [s.url('/')]: {
          lastChecked: new Date().toISOString(),
          consecutiveFailures: 1,
          recent: [{ at: new Date().toISOString(), class: 'broken', code: 'http-404', status: 404 }],
        },
      },
    };
    writeFileSync(statePath, JSON.stringify(old, null, 2));
    const { result, warnings } = await run(s.url('/'), { statePath, minFailures: 2 });
    expect(warnings).toEqual([]);
    expect(result).toMatchObject({ class: 'broken', consecutiveFailures: 2 });
    // Written back in the line layout: one URL per line, still one JSON document.
    const text = readFileSync(statePath, 'utf8');
    expect(text.split('\n')[0]).toBe('{"format":"virtbib-link-state","version":1,"urls":{');
    expect(JSON.parse(text).urls[s.url('/')].consecutiveFailures).toBe(2);
  });

  it('an unwritable state file is a warning, not a failure', async () => {
    const s = await startServer({ '/': status(200) });
    const { result, warnings } = await run(s.url('/'), { statePath: '/nonexistent-dir/state.json' });
    expect(result.class).toBe('ok');
    expect(warnings.join('\n')).toContain('could not write the state file');
    expect(existsSync('/nonexistent-dir')).toBe(false);
  });

  it('forgets URLs not seen for 30 days', () => {
    const history = History.empty();
    const result: LinkResult = {
      url: 'https://example.org/',
      class: 'ok',
      code: 'ok',
      redirects: [],
      attempts: 1,
      requests: 1,
      durationMs: 1,
      sources: [],
    };
    history.record(result, Date.parse('2030-01-01T00:00:00Z'), 1);
    history.prune(Date.parse('2030-01-20T00:00:00Z'));
    expect(history.size).toBe(1);
    history.prune(Date.parse('2030-02-15T00:00:00Z'));
    expect(history.size).toBe(0);
  });
});

describe('hostile state files', () => {
  it('a planted link at <state>.corrupt is replaced, never written through', async () => {
    const s = await startServer({ '/': status(200) });
    const statePath = stateFile();
    const dir = join(statePath, '..');
    // The attack: a committed executable "state file" and a link from its backup name to a git hook.
    mkdirSync(join(dir, 'hooks'));
    const hook = join(dir, 'hooks/post-merge');
    writeFileSync(hook, '#!/bin/sh\necho original hook\n', { mode: 0o755 });
    const payload = '#!/bin/sh\necho pwned\n';
    writeFileSync(statePath, payload, { mode: 0o755 });
    symlinkSync(hook, `${statePath}.corrupt`);
    const { result, warnings } = await run(s.url('/'), { statePath });
    expect(result.class).toBe('ok');
    expect(warnings.join('\n')).toMatch(/is corrupt .*kept as .*\.corrupt/);
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho original hook\n');
    expect(lstatSync(`${statePath}.corrupt`).isSymbolicLink()).toBe(false);
    expect(readFileSync(`${statePath}.corrupt`, 'utf8')).toBe(payload);
    // The new state is a plain file that nobody can execute by accident.
    expect(statSync(statePath).mode & 0o111).toBe(0);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).urls[s.url('/')]).toBeDefined();
  });

  it('a state file that is a link is replaced by a file, its target left alone', async () => {
    const s = await startServer({ '/': status(200) });
    const statePath = stateFile();
    const target = join(statePath, '../target.sh');
    writeFileSync(target, 'echo target\n');
    symlinkSync(target, statePath);
    await run(s.url('/'), { statePath });
    expect(readFileSync(target, 'utf8')).toBe('echo target\n');
    expect(lstatSync(statePath).isFile()).toBe(true);
  });

  it('a state file that exists but cannot be read is kept aside, not replaced', async () => {
    const s = await startServer({ '/': status(200) });
    const statePath = stateFile();
    mkdirSync(statePath);
    writeFileSync(join(statePath, 'inside'), 'kept');
    const { result, warnings } = await run(s.url('/'), { statePath });
    expect(result.class).toBe('ok');
    expect(warnings.join('\n')).toMatch(/not a regular file.*kept as .*\.corrupt/);
    expect(readFileSync(join(`${statePath}.corrupt`, 'inside'), 'utf8')).toBe('kept');
    expect(JSON.parse(readFileSync(statePath, 'utf8')).urls[s.url('/')]).toBeDefined();

    if (process.getuid?.() === 0) return; // root reads whatever the mode says
    const locked = stateFile();
    writeFileSync(locked, '{"format":"virtbib-link-state","version":1,"urls":{}}');
    chmodSync(locked, 0);
    const again = await run(s.url('/'), { statePath: locked });
    expect(again.warnings.join('\n')).toMatch(/cannot be read.*kept as/);
    expect(existsSync(`${locked}.corrupt`)).toBe(true);
  });

  it('codes, classes and suggestions in a state file are checked, not trusted', async () => {
    const s = await startServer({ '/': status(404) });
    const at = new Date().toISOString();
    const entry = (observation: Record<string, unknown>) =>
      JSON.stringify({
        format: 'virtbib-link-state',
        version: 1,
        urls: {
          [s.url('/')]: {
            lastChecked: at,
            lastSuccess: at,
            consecutiveFailures: 0,
            recent: [{ at, ...observation }],
          },
        },
      });
    for (const planted of [
      entry({ class: 'ok', code: 'toString' }),
      entry({ class: 'ok', code: '__proto__' }),
      entry({ class: 'ok', code: 'http-404' }),
      entry({ class: 'ok', code: 'ok', suggestion: { url: 'javascript:alert(1)', reason: 'archived-copy' } }),
    ]) {
      const statePath = stateFile();
      writeFileSync(statePath, planted);
      const { result, report, warnings } = await run(s.url('/'), { statePath, cacheTtl: 3_600_000 });
      expect(warnings.join('\n')).toMatch(/is corrupt/);
      // Checked for real, not served from the planted cache.
      expect(result).toMatchObject({ class: 'broken', code: 'http-404' });
      expect(result.cached).toBeUndefined();
      expect(() => render(report, 'junit')).not.toThrow();
    }
  });

  it('URLs named like Object.prototype members are URLs like any other', async () => {
    const statePath = stateFile();
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    for (let round = 0; round < 2; round++) {
      const { report, warnings } = await runCheck(
        names.map((url) => ({ url, source: { file: 'urls.txt', line: 1 } })),
        { ...FAST, statePath },
      );
      expect(warnings).toEqual([]);
      expect(report.results.map((r) => `${r.url} ${r.code}`).sort()).toEqual(
        names.map((n) => `${n} invalid-url`).sort(),
      );
      for (const format of ['text', 'json', 'markdown', 'github', 'junit'] as const)
        expect(() => render(report, format)).not.toThrow();
    }
  });
});

describe('a state file shared by two runs', () => {
  it('merges both runs into the file, so that failures accumulate for each', async () => {
    const dead = await startServer({ '/': status(410) });
    // The slow run finishes last; before, its write replaced the fast run's, whose failure was lost.
    const slow = await startServer({ '/': delay(400, status(200)) });
    const statePath = stateFile();
    const options = { statePath, minFailures: 2 };
    const [fast] = await Promise.all([run(dead.url('/'), options), run(slow.url('/'), options)]);
    expect(fast.result.class).toBe('suspect');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(Object.keys(state.urls).sort()).toEqual([dead.url('/'), slow.url('/')].sort());
    const next = await run(dead.url('/'), options);
    expect(next.result).toMatchObject({ class: 'broken', consecutiveFailures: 2 });
  });

  it('waits for the lock of a live run, and takes over the lock of a run that died', async () => {
    const statePath = stateFile();
    const lock = `${statePath}.lock`;
    writeFileSync(lock, `${process.pid} ${hostname()}\n`);
    let done = false;
    const waiting = withLock(
      statePath,
      () => {
        done = true;
      },
      { pollMs: 10 },
    );
    await new Promise((r) => setTimeout(r, 300));
    // Held by a live process (this one): nothing happens until it goes.
    expect(done).toBe(false);
    rmSync(lock);
    await waiting;
    expect(done).toBe(true);
    expect(existsSync(lock)).toBe(false);

    // A process that has exited leaves a lock behind: it is taken over at once.
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(lock, `${exited.stdout.toString()} ${hostname()}\n`);
    await withLock(statePath, () => undefined, { waitMs: 0 });
    expect(readdirSync(join(statePath, '..'))).toEqual([]);
  });

  it('gives up on a lock held too long, with a warning; the run still reports', async () => {
    const s = await startServer({ '/': status(200) });
    const statePath = stateFile();
    writeFileSync(`${statePath}.lock`, `${process.pid} ${hostname()}\n`);
    const { result, warnings } = await run(s.url('/'), { statePath, lock: { waitMs: 50 } });
    expect(result.class).toBe('ok');
    expect(warnings.join('\n')).toMatch(/could not write the state file .*held by another run/);
    expect(existsSync(statePath)).toBe(false);
  });
});
