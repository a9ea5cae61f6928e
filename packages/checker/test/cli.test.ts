import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const bin = join(import.meta.dirname, '../bin/virtbib.js');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function entry(id: string, extra = ''): string {
  return `id: ${id}\ntype: paper-conference\ntitle: Title ${id}\nauthors:\n  - family: Doe\n    given: Jane\nyear: 2020\n${extra}topics: [cpu]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n  verifiedWith: [https://dblp.org/rec/conf/x/Doe20]\n`;
}

/** A dataset with the given files, and a topics.yaml (topic cpu, every entry in its reading order). */
function dataset(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-cli-'));
  temps.push(dir);
  mkdirSync(join(dir, 'entries'));
  const ids = Object.keys(files)
    .filter((name) => name.startsWith('entries/'))
    .map((name) => basename(name, '.yaml'));
  writeFileSync(
    join(dir, 'topics.yaml'),
    `topics:\n  - id: cpu\n    title: CPU\n    description: Processors.\n    readingOrder: [${ids.join(', ')}]\n`,
  );
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

// These tests spawn the real bin, as a user would run it: a second or more each on a busy machine, so
// never under a default timeout of a few seconds.
const SPAWN = { timeout: 60_000 };

describe('virtbib validate', SPAWN, () => {
  it('exits 0 on a clean dataset and says what it checked', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    const { code, stdout } = run(['validate', dir], tmpdir());
    expect(code).toBe(0);
    expect(stdout).toContain('0 errors, 0 warnings');
    expect(stdout).toContain('checked 2 files');
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
    expect(stdout).toContain(`fixed ${basename(dir)}/entries/doe2020a.yaml`);
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

describe('virtbib fmt', SPAWN, () => {
  const messy = `title: Title doe2020a   \n${entry('doe2020a').replace('title: Title doe2020a\n', '')}`;

  it('--check lists files that would change, writes nothing and exits 1', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': messy, 'entries/doe2020b.yaml': entry('doe2020b') });
    const { code, stdout } = run(['fmt', dir, '--check'], tmpdir());
    expect(code).toBe(1);
    expect(stdout).toBe(`would reformat ${basename(dir)}/entries/doe2020a.yaml\n`);
    expect(readFileSync(join(dir, 'entries/doe2020a.yaml'), 'utf8')).toBe(messy);
  });

  it('rewrites only what is not canonical, then --check passes', () => {
    const dir = dataset({ 'entries/doe2020a.yaml': messy, 'entries/doe2020b.yaml': entry('doe2020b') });
    expect(run(['fmt', dir], tmpdir())).toMatchObject({
      code: 0,
      stdout: `formatted ${basename(dir)}/entries/doe2020a.yaml\n`,
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

describe('virtbib: flags and commands', () => {
  it('an unknown flag is a usage error in our words, naming the flag meant', async () => {
    const out = await runCli(['validate', '--fromat', 'json'], tmpdir());
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'virtbib validate: unknown option --fromat; did you mean --format?\nRun `virtbib validate --help` for usage.\n',
    );
    // Node's own parser text (its quoting reads as unbalanced) never reaches the user.
    expect((await runCli(['fmt', '--bogus'], tmpdir())).stderr).not.toMatch(/To specify a positional|'--'/);
  });

  it('a dataset directory that does not exist is named as such', async () => {
    for (const args of [
      ['validate', '/nonexistent/data'],
      ['add', '10.1/x', '--data', '/nonexistent/data'],
    ]) {
      const out = await runCli(args, tmpdir());
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toContain('/nonexistent/data does not exist.');
    }
  });

  it('a flag without its value, or a value for a switch, says so', async () => {
    expect((await runCli(['validate', '--format'], tmpdir())).stderr).toContain('--format needs a value.');
    expect((await runCli(['validate', '--format', '--fix'], tmpdir())).stderr).toContain(
      '--format needs a value, but is followed by "--fix"; a value that starts with "-" is written --format=--fix.',
    );
    expect((await runCli(['validate', '--fix=yes'], tmpdir())).stderr).toContain(
      '--fix takes no value; got "yes".',
    );
  });

  it('a negative number reaches the command, which says what is wrong with it (not "ambiguous")', async () => {
    const out = await runCli(['check', 'nothing.txt', '--concurrency', '-1'], tmpdir());
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('ambiguous');
    expect(out.stderr).toContain('--concurrency');
    expect(out.stderr).toContain('"-1"');
  });

  it('an unknown command names the close ones', async () => {
    const out = await runCli(['valdate'], tmpdir());
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^virtbib: unknown command "valdate"; did you mean "validate"\?\n/);
    expect((await runCli(['--verison'], tmpdir())).stderr).toMatch(
      /^virtbib: unknown option "--verison"; did you mean "--version"\?/,
    );
  });
});

describe('the repository', () => {
  it('ignores the tarballs of npm pack', () => {
    const root = join(import.meta.dirname, '../../..');
    const ignored = (path: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', path], { cwd: root, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('packages/checker/virtbib-checker-0.1.0.tgz')).toBe(true);
    expect(ignored('virtbib-0.1.0.tgz')).toBe(true);
    expect(ignored('packages/checker/src/cli.ts')).toBe(false);
  });
});
