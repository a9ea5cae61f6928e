import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { History, type LinkResult } from '../src/links/index.js';

// Every write and read of the file system goes through these, so that the test sees their sizes.
const writes: number[] = [];
const reads: number[] = [];
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: (fd: number, buffer: Buffer, ...rest: [number?, number?]) => {
      writes.push(rest[1] ?? buffer.length);
      return (real.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
    },
    readSync: (...args: Parameters<typeof real.readSync>) => {
      const n = real.readSync(...args);
      reads.push(n);
      return n;
    },
  };
});

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const URLS = 40_000;
const MIB = 1024 * 1024;

describe('the state file at scale', () => {
  it('is written and read in pieces of about a megabyte, never as one string', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-scale-'));
    temps.push(dir);
    const statePath = join(dir, 'state.json');
    const history = History.empty();
    const now = Date.parse('2030-01-01T00:00:00Z');
    for (let i = 0; i < URLS; i++) {
      const result = (): LinkResult => ({
        url: `https://host${i % 997}.example/papers/${i}/a-fairly-long-path-like-real-ones.pdf`,
        class: i % 10 === 0 ? 'broken' : 'ok',
        code: i % 10 === 0 ? 'http-404' : 'ok',
        status: i % 10 === 0 ? 404 : 200,
        redirects: [],
        attempts: 1,
        requests: 1,
        durationMs: 5,
        sources: [],
      });
      // Five runs' worth of observations, as a nightly state holds (each run has its own result).
      for (let run = 0; run < 5; run++) history.record(result(), now + run, 2);
    }
    writes.length = 0;
    await history.save(statePath, now + 10);
    const size = statSync(statePath).size;
    expect(size).toBeGreaterThan(20 * MIB);
    expect(writes.length).toBeGreaterThan(15);
    expect(Math.max(...writes)).toBeLessThan(2 * MIB);
    // All of the file, plus the few bytes of the lock file.
    expect(writes.reduce((a, b) => a + b, 0) - size).toBeLessThan(100);

    reads.length = 0;
    const { history: loaded, problem } = History.load(statePath);
    expect(problem).toBeUndefined();
    expect(loaded.size).toBe(URLS);
    expect(
      loaded.get('https://host10.example/papers/10/a-fairly-long-path-like-real-ones.pdf'),
    ).toMatchObject({
      consecutiveFailures: 5,
    });
    expect(Math.max(...reads)).toBeLessThanOrEqual(MIB);
  }, 60_000);
});
