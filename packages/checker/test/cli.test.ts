import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../bin/virtbib.js');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function entry(id: string, extra = ''): string {
  return `id: ${id}\ntype: paper-conference\ntitle: Title ${id}\nauthors:\n  - family: Doe\n    given: Jane\nyear: 2020\n${extra}topics: [cpu]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n  verifiedWith: [https://dblp.org/rec/conf/x/Doe20]\n`;
}

function dataset(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-cli-'));
  temps.push(dir);
  mkdirSync(join(dir, 'entries'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Runs the real bin in a child process, as a user would. */
function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('virtbib validate', () => {
  it('exits 0 on a clean dataset and says what it checked', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    const { code, stdout } = run(['validate', dir], tmpdir());
    expect(code).toBe(0);
    expect(stdout).toContain('0 errors, 0 warnings');
    expect(stdout).toContain('checked 1 files');
  });

  it('exits 1 with file, line, code and hint on findings', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a', 'isbn: 978-0-00-000000-1\n') });
    const { code, stdout, stderr } = run(['validate', '.'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('entries/doe2020a.yaml:8:7 error isbn-checksum');
    expect(stdout).toContain('hint:');
    expect(stderr).toBe('');
  });

  it('--format json is machine-readable', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a', 'jornal: x\n') });
    const { code, stdout } = run(['validate', dir, '--format', 'json'], tmpdir());
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ errors: 1, warnings: 0 });
    expect(report.diagnostics[0]).toMatchObject({
      code: 'schema-unknown-field',
      file: 'entries/doe2020a.yaml',
      line: 8,
      column: 1,
    });
  });

  it('--format github writes annotations with paths from the working directory', () => {
    const dir = dataset({
      'entries/doe2020a.yaml': entry('doe2020a', 'year: 1800\n').replace('year: 2020\n', ''),
    });
    const { stdout } = run(['validate', basename(dir), '--format', 'github'], dirname(dir));
    expect(stdout).toMatch(
      /^::error file=virtbib-cli-[^/]+\/entries\/doe2020a\.yaml,line=7,col=7,title=year-range::/m,
    );
  });

  it('--fix repairs key order and DOI case, atomically, keeping comments', () => {
    const text = `# keep me\ntitle: Title doe2020a\n${entry('doe2020a', 'doi: https://doi.org/10.1145/ABC\n').replace('title: Title doe2020a\n', '')}`;
    const dir = dataset({ 'entries/doe2020a.yaml': text });
    const { code, stdout } = run(['validate', dir, '--fix'], tmpdir());
    expect(code).toBe(0);
    expect(stdout).toContain('fixed entries/doe2020a.yaml');
    const after = readFileSync(join(dir, 'entries/doe2020a.yaml'), 'utf8');
    expect(after).toContain('# keep me');
    expect(after).toContain('doi: 10.1145/abc');
    expect(after.indexOf('title:')).toBeGreaterThan(after.indexOf('type:'));
  });

  it('usage errors exit 2 without a stack trace', () => {
    for (const args of [
      ['validate', '--format', 'xml'],
      ['validate', '--bogus'],
      ['validate', '/nonexistent'],
      ['frobnicate'],
      [],
    ]) {
      const { code, stderr, stdout } = run(args, tmpdir());
      expect(code, args.join(' ')).toBe(2);
      expect(stderr + stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });

  it('finds packages/data from anywhere inside the repository', () => {
    const { code, stdout } = run(['validate'], join(import.meta.dirname, '..'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/checked \d+ files in \.\.\/data/);
  });
});

describe('virtbib fmt', () => {
  const messy = `title: Title doe2020a   \n${entry('doe2020a').replace('title: Title doe2020a\n', '')}`;

  it('--check lists files that would change, writes nothing and exits 1', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': messy, 'entries/doe2020b.yaml': entry('doe2020b') });
    const { code, stdout } = run(['fmt', dir, '--check'], tmpdir());
    expect(code).toBe(1);
    expect(stdout).toBe('would reformat entries/doe2020a.yaml\n');
    expect(readFileSync(join(dir, 'entries/doe2020a.yaml'), 'utf8')).toBe(messy);
  });

  it('rewrites only what is not canonical, then --check passes', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': messy, 'entries/doe2020b.yaml': entry('doe2020b') });
    expect(run(['fmt', dir], tmpdir())).toMatchObject({
      code: 0,
      stdout: 'formatted entries/doe2020a.yaml\n',
    });
    expect(readFileSync(join(dir, 'entries/doe2020a.yaml'), 'utf8')).toBe(entry('doe2020a'));
    expect(run(['fmt', dir, '--check'], tmpdir())).toMatchObject({ code: 0 });
  });

  it('reports a file it cannot parse and leaves it alone', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': 'id: [\n' });
    const { code, stderr } = run(['fmt', dir], tmpdir());
    expect(code).toBe(1);
    expect(stderr).toContain('entries/doe2020a.yaml:2:1 error yaml-syntax');
    expect(readFileSync(join(dir, 'entries/doe2020a.yaml'), 'utf8')).toBe('id: [\n');
  });
});
