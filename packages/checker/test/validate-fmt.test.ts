import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from './support/cli.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function entry(id: string, extra = ''): string {
  return `id: ${id}\ntype: paper-conference\ntitle: Title ${id}\nauthors:\n  - family: Doe\n    given: Jane\nyear: 2020\n${extra}topics: [cpu]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n  verifiedWith: [https://dblp.org/rec/conf/x/Doe20]\n`;
}

const topics = (ids: string[]) =>
  `topics:\n  - id: cpu\n    title: CPU\n    description: Processors.\n    readingOrder: [${ids.join(', ')}]\n`;

/** A dataset in a fresh temporary folder; topics.yaml lists the given entries in its reading order. */
function dataset(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-vf-'));
  temps.push(dir);
  mkdirSync(join(dir, 'entries'));
  const ids = Object.keys(files)
    .filter((f) => f.startsWith('entries/'))
    .map((f) => basename(f, '.yaml'));
  writeFileSync(join(dir, 'topics.yaml'), topics(ids));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('virtbib validate: paths and missing directories', () => {
  it('shows paths from the working directory, so they open and click from there', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a', 'isbn: 978-0-00-000000-1\n') });
    const { code, stdout } = await run(['validate', basename(dir)], dirname(dir));
    expect(code).toBe(1);
    expect(stdout).toContain(`${basename(dir)}/entries/doe2020a.yaml:8:7 error isbn-checksum`);
    // The code frame is still found, through the same path.
    expect(stdout).toContain('> 8 | isbn: 978-0-00-000000-1');
  });

  it('--format json adds the path from the working directory and keeps file relative to the dataset', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a', 'jornal: x\n') });
    const { stdout } = await run(['validate', basename(dir), '--format', 'json'], dirname(dir));
    expect(JSON.parse(stdout).diagnostics[0]).toMatchObject({
      file: 'entries/doe2020a.yaml',
      path: `${basename(dir)}/entries/doe2020a.yaml`,
    });
  });

  it('a directory that does not exist is named as such', async () => {
    const { code, stderr } = await run(['validate', '/nonexistent/data'], tmpdir());
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/data does not exist');
  });

  it('a file given as the dataset is not a directory', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    const { code, stderr } = await run(['validate', join(dir, 'topics.yaml')], tmpdir());
    expect(code).toBe(2);
    expect(stderr).toContain('is not a directory');
  });

  it('a missing topics.yaml fails validation', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    rmSync(join(dir, 'topics.yaml'));
    const { code, stdout } = await run(['validate', dir], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('topics.yaml error file-missing');
  });

  it('a directory named like an entry is a diagnostic, not an internal error', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    mkdirSync(join(dir, 'entries/doe2020b.yaml'));
    const { code, stdout, stderr } = await run(['validate', '.'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('entries/doe2020b.yaml error file-not-regular');
  });
});

describe('virtbib validate --cache', () => {
  it('keeps results in node_modules/.cache of the dataset and reuses them for files that did not change', async () => {
    const dir = dataset({
      'entries/doe2020a.yaml': entry('doe2020a', 'isbn: 978-0-00-000000-1\n'),
      'entries/doe2020b.yaml': entry('doe2020b'),
    });
    const first = await run(['validate', '.', '--cache'], dir);
    expect(first.code).toBe(1);
    expect(existsSync(join(dir, 'node_modules/.cache/virtbib/validate.cache'))).toBe(true);
    writeFileSync(join(dir, 'entries/doe2020b.yaml'), entry('doe2020b', 'isbn: 978-0-00-000000-1\n'));
    const second = await run(['validate', '.', '--cache'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('entries/doe2020a.yaml:8:7 error isbn-checksum');
    expect(second.stdout).toContain('entries/doe2020b.yaml:8:7 error isbn-checksum');
    expect(second.stdout).toContain('checked 3 files in . (2 unchanged since the cached run)');
  });
});

describe('virtbib fmt: what it must not touch', () => {
  const messy = (id: string) => `title: Title ${id}   \n${entry(id).replace(`title: Title ${id}\n`, '')}`;

  it('a directory named like an entry is reported, not an internal error', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': messy('doe2020a') });
    mkdirSync(join(dir, 'entries/doe2020b.yaml'));
    const { code, stdout, stderr } = await run(['fmt', '.'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('entries/doe2020b.yaml error file-not-regular');
    expect(stderr).not.toContain('internal error');
    expect(stdout).toBe('formatted entries/doe2020a.yaml\n');
  });

  it('a symlink out of the dataset is refused and its target left alone', async () => {
    const outside = dataset({ 'entries/x.yaml': messy('x') });
    const dir = dataset({});
    symlinkSync(join(outside, 'entries/x.yaml'), join(dir, 'entries/x.yaml'));
    const { code, stderr } = await run(['fmt', dir], dirname(dir));
    expect(code).toBe(1);
    expect(stderr).toContain(`${basename(dir)}/entries/x.yaml error file-symlink`);
    expect(stderr).not.toContain('Title x');
    expect(readFileSync(join(outside, 'entries/x.yaml'), 'utf8')).toBe(messy('x'));
    expect(lstatSync(join(dir, 'entries/x.yaml')).isSymbolicLink()).toBe(true);
  });

  it('a symlink inside the dataset is formatted through: the link stays a link', async () => {
    const dir = dataset({ 'shared/doe2020a.yaml': messy('doe2020a') });
    symlinkSync('../shared/doe2020a.yaml', join(dir, 'entries/doe2020a.yaml'));
    const { code } = await run(['fmt', dir], dir);
    expect(code).toBe(0);
    expect(lstatSync(join(dir, 'entries/doe2020a.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared/doe2020a.yaml'), 'utf8')).toBe(entry('doe2020a'));
  });

  it('YAML aliases are refused, not expanded', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': `${entry('doe2020a')}a: &a [x, x]\nb: [*a, *a]\n` });
    const { code, stderr } = await run(['fmt', dir], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('entries/doe2020a.yaml:13:4 error yaml-alias');
  });

  it('cleans the temporaries a killed run left behind', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    writeFileSync(join(dir, 'entries/doe2020a.yaml.0a1b2c3d4e5f.tmp'), 'half an entry');
    writeFileSync(join(dir, 'topics.yaml.0a1b2c3d4e5f.tmp'), 'half a topics file');
    const { code, stdout } = await run(['fmt', dir], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('removed entries/doe2020a.yaml.0a1b2c3d4e5f.tmp');
    expect(readdirSync(join(dir, 'entries'))).toEqual(['doe2020a.yaml']);
    expect(readdirSync(dir).sort()).toEqual(['entries', 'topics.yaml']);
  });

  it('a missing topics.yaml is not a formatting problem', async () => {
    const dir = dataset({ 'entries/doe2020a.yaml': entry('doe2020a') });
    rmSync(join(dir, 'topics.yaml'));
    expect(await run(['fmt', dir, '--check'], dir)).toMatchObject({ code: 0, stderr: '' });
  });
});
