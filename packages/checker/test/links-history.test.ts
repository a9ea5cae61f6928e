import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { History, type LinkResult, type RunOptions, runCheck } from '../src/links/index.js';
import { closeAll, sequence, startServer, status } from './support/servers.js';

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
