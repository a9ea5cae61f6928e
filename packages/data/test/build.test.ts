// The build script as a whole: deterministic output, atomic writes, --data/--out, and refusing bad sources.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../bench/generate.mjs';
import { distDir, packageDir, runBuild, tempDir } from './helpers.js';

const OUTPUTS = [
  'bibliography.bib',
  'bibliography.json',
  'bibliography.ris',
  'csl.json',
  'index.cjs',
  'index.d.cts',
  'index.d.mts',
  'index.mjs',
];

describe('build', () => {
  const temp = tempDir('build');
  afterAll(temp.cleanup);

  it('writes exactly the published files', () => {
    expect(readdirSync(distDir).sort()).toEqual(OUTPUTS);
  });

  it('is deterministic: with and without the citation cache, twice, the bytes equal dist/', () => {
    const cold = join(temp.dir, 'cold');
    const warm = join(temp.dir, 'warm');
    const first = runBuild(['--out', cold, '--no-cache']);
    expect(first.status, first.stderr).toBe(0);
    const count = readdirSync(join(packageDir, 'entries')).length;
    expect(first.stdout).toContain(`Built ${count} entries`);
    expect(first.stdout).toContain(`${count} citations rendered, 0 reused`);
    const second = runBuild(['--out', warm]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`0 citations rendered, ${count} reused`);
    for (const name of OUTPUTS) {
      const expected = readFileSync(join(distDir, name));
      expect(readFileSync(join(cold, name)).equals(expected), `${name} (no cache) differs from dist/`).toBe(
        true,
      );
      expect(readFileSync(join(warm, name)).equals(expected), `${name} (cache) differs from dist/`).toBe(
        true,
      );
    }
  });

  it('leaves no temporary files and rewrites nothing when nothing changed', () => {
    const out = join(temp.dir, 'again');
    expect(runBuild(['--out', out]).status).toBe(0);
    const before = new Map(OUTPUTS.map((name) => [name, statSync(join(out, name)).mtimeMs]));
    const again = runBuild(['--out', out]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 of 8 files changed');
    expect(readdirSync(out).sort()).toEqual(OUTPUTS);
    for (const name of OUTPUTS) expect(statSync(join(out, name)).mtimeMs).toBe(before.get(name));
  });

  it('builds any dataset directory given with --data', () => {
    const data = generateDataset(join(temp.dir, 'synthetic'), 12);
    const out = join(temp.dir, 'synthetic-out');
    const result = runBuild(['--data', data, '--out', out, '--no-cache']);
    expect(result.status, result.stderr).toBe(0);
    const published = JSON.parse(readFileSync(join(out, 'bibliography.json'), 'utf8'));
    expect(published.entries).toHaveLength(12);
    expect(published.version).toBe(
      JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version,
    );
    expect(JSON.parse(readFileSync(join(out, 'csl.json'), 'utf8'))).toHaveLength(12);
  });
});

describe('build called wrongly', () => {
  it('exits with status 2 and the usage for an unknown option or a directory that is no dataset', () => {
    for (const args of [
      ['--bogus'],
      ['--data', join(packageDir, 'scripts'), '--out', join(packageDir, 'never')],
    ]) {
      const result = runBuild(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: node scripts/build.mjs');
      expect(result.stderr).not.toContain('    at ');
    }
    expect(existsSync(join(packageDir, 'never'))).toBe(false);
  });
});

describe('build with errors in the sources', () => {
  const temp = tempDir('broken');
  let result: ReturnType<typeof runBuild>;
  const out = join(temp.dir, 'out');
  beforeAll(() => {
    for (const part of ['entries', 'notes', 'topics.yaml']) {
      cpSync(join(packageDir, part), join(temp.dir, 'data', part), { recursive: true });
    }
    const file = join(temp.dir, 'data', 'entries', 'barham2003xen.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('year: 2003\n', 'year: "two thousand three"\n'));
    result = runBuild(['--data', join(temp.dir, 'data'), '--out', out, '--no-cache']);
  });
  afterAll(temp.cleanup);

  it('exits with status 1', () => {
    expect(result.status).toBe(1);
  });

  it('prints the diagnostics with file, line and a code frame', () => {
    expect(result.stderr).toMatch(/entries\/barham2003xen\.yaml:\d+:\d+ error /);
    expect(result.stderr).toContain('> ');
    expect(result.stderr).toMatch(/\d+ errors?, \d+ warnings?/);
    expect(result.stderr).toContain('The build stopped');
  });

  it('writes nothing', () => {
    expect(existsSync(out)).toBe(false);
  });
});
