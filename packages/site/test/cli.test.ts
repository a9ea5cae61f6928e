import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureData, fixtureReportFile, packageDir, tempDir } from './helpers.js';

const cli = join(packageDir, 'lib', 'cli.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: packageDir });

describe('node lib/cli.js', () => {
  const temp = tempDir('cli');
  afterAll(() => temp.remove());

  it('builds a site from given data, with a link report and a site URL', () => {
    const out = join(temp.dir, 'site');
    const result = run(
      'build',
      '--data',
      fixtureData,
      '--out',
      out,
      '--link-report',
      fixtureReportFile,
      '--site-url',
      'https://example.org/x',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Built the site for 7 entries: \d+ pages, \d+ files in .* \(https:\/\/example\.org\/x\/; link report of 2026-06-01\)\.\n$/,
    );
    expect(readFileSync(join(out, 'links.html'), 'utf8')).toContain('2026-06-01T03:04:05.000Z');
  });

  it('exits 1 with the reason, and no stack trace, when the data or the report is missing or malformed', () => {
    const noData = run('build', '--data', temp.dir, '--out', join(temp.dir, 'x'));
    expect(noData.status).toBe(1);
    expect(noData.stderr).toMatch(/^virtbib-site: .*index\.mjs does not exist: build the data package first/);
    expect(noData.stderr).not.toMatch(/\n\s+at /);
    const bad = join(temp.dir, 'bad.json');
    writeFileSync(bad, '{"format": "something-else"}');
    const badReport = run('build', '--data', fixtureData, '--out', join(temp.dir, 'y'), '--link-report', bad);
    expect(badReport.status).toBe(1);
    expect(badReport.stderr).toContain(
      'is not a link report: expected the output of `virtbib check --format json`',
    );
    expect(existsSync(join(temp.dir, 'y'))).toBe(false);
  });

  it('exits 2 with the usage on a usage error', () => {
    for (const args of [
      ['build', '--site-url', 'not a url'],
      ['build', '--nope'],
      ['deploy'],
      ['preview', '--port', 'x'],
    ]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage:');
    }
  });
});
