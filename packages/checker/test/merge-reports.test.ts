import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../src/links/reporters/index.js';
import { runCli as run } from './support/cli.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function result(url: string, extra: Record<string, unknown> = {}) {
  return {
    url,
    class: 'broken',
    code: 'http-404',
    status: 404,
    redirects: [],
    attempts: 1,
    requests: 2,
    durationMs: 12,
    sources: [{ file: 'urls.txt', line: 1 }],
    ...extra,
  };
}

function report(shards: string[], results: unknown[], extra: Record<string, unknown> = {}) {
  return {
    format: 'virtbib-link-report',
    version: 1,
    generatedAt: '2030-01-02T03:04:05.000Z',
    durationMs: 100,
    minFailures: 1,
    shards,
    summary: {},
    results,
    ...extra,
  };
}

/** A directory with the given reports written as JSON files. */
function reports(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-merge-'));
  temps.push(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(data));
  return dir;
}

const noCrash = (out: { stdout: string; stderr: string }) => {
  expect(out.stderr).not.toContain('internal error');
  expect(out.stderr + out.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
};

describe('virtbib merge-reports', () => {
  it('merges the shards of a split into one report', async () => {
    const dir = reports({
      'a.json': report(['1/2'], [result('https://a.example/x')]),
      'b.json': report(['2/2'], [result('https://b.example/y', { class: 'ok', code: 'ok', status: 200 })]),
    });
    const { code, stdout, stderr } = await run(['merge-reports', 'a.json', 'b.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const merged = JSON.parse(stdout);
    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(merged.summary).toMatchObject({ total: 2, broken: 1, ok: 1, failing: 1 });
  });

  it('refuses the same shard twice: the same file, or two reports of one shard', async () => {
    const dir = reports({
      'a.json': report(['1/2'], [result('https://a.example/x')]),
      'again.json': report(['1/2'], [result('https://a.example/x')]),
      'b.json': report(['2/2'], []),
    });
    const twice = await run(['merge-reports', 'a.json', 'b.json', './a.json'], dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('./a.json is given twice (as a.json).');
    const sameShard = await run(['merge-reports', 'a.json', 'b.json', 'again.json'], dir);
    expect(sameShard.code).toBe(2);
    expect(sameShard.stderr).toContain('a.json and again.json both hold shard 1/2');
    noCrash(sameShard);
  });

  it('warns about missing shards and about shards of different splits, and still merges', async () => {
    const dir = reports({
      'one.json': report(['1/4'], [result('https://a.example/x')]),
      'four.json': report(['4/4'], []),
      'other.json': report(['2/3'], []),
    });
    const missing = await run(['merge-reports', 'one.json', 'four.json'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'virtbib merge-reports: warning: shards 2/4, 3/4 missing: the merged report covers 2 of 4 shards\n',
    );
    const mixed = await run(['merge-reports', 'one.json', 'other.json'], dir);
    expect(mixed.stderr).toContain('the reports come from different splits (into 4, into 3)');
  });

  it('a report with an unknown code or without sources is a usage error in every format, never a crash', async () => {
    const cases: [string, unknown, string][] = [
      [
        'code.json',
        report([], [result('https://a.example/', { code: 'http-999' })]),
        'results[0].code: "http-999" is not a code',
      ],
      [
        'proto.json',
        report([], [result('https://a.example/', { code: 'constructor' })]),
        'results[0].code: "constructor" is not a code',
      ],
      [
        'nosources.json',
        report([], [result('https://a.example/', { sources: undefined })]),
        'results[0].sources: must be a list of places',
      ],
      [
        'badsource.json',
        report([], [result('https://a.example/', { sources: [{ line: 1 }] })]),
        'results[0].sources',
      ],
      [
        'redirects.json',
        report([], [result('https://a.example/', { redirects: 'none' })]),
        'results[0].redirects',
      ],
      ['shards.json', report([], [], { shards: '1/2' }), 'shards: must be a list of shards'],
      ['shard5.json', report(['5/4'], []), 'shards: must be a list of shards'],
      [
        'mismatch.json',
        report([], [result('doi:10.1/x', { code: 'doi-mismatch', mismatches: [{ field: 'title' }] })]),
        'results[0].mismatches',
      ],
    ];
    const dir = reports(Object.fromEntries(cases.map(([name, data]) => [name, data])));
    for (const [name, , message] of cases)
      for (const format of REPORT_FORMATS) {
        const out = await run(['merge-reports', name, '--format', format], dir);
        expect(out.code, `${name} ${format}`).toBe(2);
        expect(out.stderr, name).toContain(`${name} is not a well-formed link report: ${message}`);
        noCrash(out);
      }
  });

  it('a file that does not exist is a usage error that says so', async () => {
    const dir = reports({});
    const out = await run(['merge-reports', 'missing.json'], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('missing.json does not exist.');
  });
});
