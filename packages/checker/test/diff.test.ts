import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const bin = join(import.meta.dirname, '../bin/virtbib.js');
const schemas = join(import.meta.dirname, '../../schema/schemas');
let repo = '';
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const entry = (id: string, title = `Title of ${id}`, extra = '') =>
  `id: ${id}\ntype: paper-conference\ntitle: ${title}\nauthors:\n  - family: Doe\n    given: Jane\nyear: 2020\n${extra}topics: [cpu]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n`;
const topics = (ids: string[]) =>
  `topics:\n${ids.map((id) => `  - id: ${id}\n    title: ${id}\n    description: About ${id}.\n`).join('')}`;

function git(...args: string[]) {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
}

/** A real repository with a dataset and the schemas, one commit on main. */
function makeRepo() {
  repo = mkdtempSync(join(tmpdir(), 'virtbib-diff-'));
  mkdirSync(join(repo, 'packages/data/entries'), { recursive: true });
  cpSync(schemas, join(repo, 'packages/schema/schemas'), { recursive: true });
  mkdirSync(join(repo, '.changeset'));
  write('packages/data/topics.yaml', topics(['cpu']));
  write('packages/data/entries/doe2020alpha.yaml', entry('doe2020alpha', 'Alpha', 'doi: 10.1/alpha\n'));
  write('packages/data/entries/doe2020beta.yaml', entry('doe2020beta', 'Beta'));
  git('init', '-q', '-b', 'main');
  commit('base');
}

function write(path: string, text: string) {
  writeFileSync(join(repo, path), text);
}

function commit(message: string) {
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', message);
}

/** Runs diff in-process (git still runs as a child process) against main, as JSON. */
async function diff(...args: string[]) {
  const r = await runCli(['diff', 'main', '--format', 'json', ...args], join(repo, 'packages/data'));
  return { code: r.code, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

// Every test makes a repository and runs git several times: seconds on a busy machine, so no default
// timeout of a few seconds.
describe('virtbib diff', { timeout: 60_000 }, () => {
  it('no change needs no release', async () => {
    makeRepo();
    expect((await diff()).report).toMatchObject({ needed: 'none', reasons: [] });
  });

  it('an added entry is a patch', async () => {
    makeRepo();
    write('packages/data/entries/doe2021gamma.yaml', entry('doe2021gamma'));
    expect((await diff()).report).toMatchObject({
      needed: 'patch',
      reasons: [{ level: 'patch', message: 'entry doe2021gamma added' }],
    });
  });

  it('a corrected entry is a patch that names the fields', async () => {
    makeRepo();
    write('packages/data/entries/doe2020beta.yaml', entry('doe2020beta', 'Beta, Corrected', 'pages: 1-10\n'));
    expect((await diff()).report.reasons).toEqual([
      { level: 'patch', message: 'entry doe2020beta corrected (pages, title)' },
    ]);
  });

  it('a removed entry is major', async () => {
    makeRepo();
    rmSync(join(repo, 'packages/data/entries/doe2020beta.yaml'));
    expect((await diff()).report).toMatchObject({
      needed: 'major',
      reasons: [{ level: 'major', message: 'entry doe2020beta removed' }],
    });
  });

  it('a renamed entry (same DOI, new ID) is major and named as a rename', async () => {
    makeRepo();
    renameSync(
      join(repo, 'packages/data/entries/doe2020alpha.yaml'),
      join(repo, 'packages/data/entries/doe2020alpha2.yaml'),
    );
    write('packages/data/entries/doe2020alpha2.yaml', entry('doe2020alpha2', 'Alpha', 'doi: 10.1/alpha\n'));
    const { report } = await diff();
    expect(report.needed).toBe('major');
    expect(report.reasons).toContainEqual({
      level: 'major',
      message: 'entry doe2020alpha renamed to doe2020alpha2',
    });
  });

  it('a new topic is minor; a removed topic is major', async () => {
    makeRepo();
    write('packages/data/topics.yaml', topics(['cpu', 'memory']));
    expect((await diff()).report).toMatchObject({
      needed: 'minor',
      reasons: [{ level: 'minor', message: 'topic memory added' }],
    });
    write('packages/data/topics.yaml', topics(['memory']));
    expect((await diff()).report.reasons).toContainEqual({ level: 'major', message: 'topic cpu removed' });
  });

  it('a narrowed schema is major, a widened one minor', async () => {
    makeRepo();
    const file = join(repo, 'packages/schema/schemas/entry.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.properties.venueRank = { type: 'string' };
    writeFileSync(file, JSON.stringify(schema));
    expect((await diff()).report).toMatchObject({ needed: 'minor' });
    schema.required.push('venueRank');
    writeFileSync(file, JSON.stringify(schema));
    expect((await diff()).report.reasons).toContainEqual({
      level: 'major',
      message: 'entry.schema.json.venueRank: required field added',
    });
  });

  it('--check-changesets fails when the pending changesets declare less than needed', async () => {
    makeRepo();
    rmSync(join(repo, 'packages/data/entries/doe2020beta.yaml'));
    write('.changeset/small.md', '---\n"@virtbib/data": patch\n---\n\nRemove an entry.\n');
    expect(await diff('--check-changesets')).toMatchObject({
      code: 1,
      report: { needed: 'major', declared: 'patch', ok: false },
    });
    write(
      '.changeset/big.md',
      "---\n'@virtbib/data': major\n'@virtbib/schema': patch\n---\n\nRemove an entry.\n",
    );
    expect(await diff('--check-changesets')).toMatchObject({
      code: 0,
      report: { declared: 'major', ok: true },
    });
  });

  it('--check-changesets counts only the changesets the change adds, and lists them', async () => {
    makeRepo();
    // A changeset already on the base branch belongs to an earlier change.
    write('.changeset/earlier.md', '---\n"@virtbib/data": major\n---\n\nAn earlier change.\n');
    commit('an earlier change, released later');
    git('checkout', '-q', '-b', 'topic');
    rmSync(join(repo, 'packages/data/entries/doe2020beta.yaml'));
    const without = await diff('--check-changesets');
    expect(without).toMatchObject({ code: 1, report: { needed: 'major', declared: 'none', changesets: [] } });
    write('.changeset/mine.md', '---\n"@virtbib/data": major\n---\n\nRemove an entry.\n');
    expect(await diff('--check-changesets')).toMatchObject({
      code: 0,
      report: { declared: 'major', changesets: [{ name: 'mine.md', level: 'major' }], ok: true },
    });
    // The same in words, naming the changeset; committed on the branch, it still counts.
    commit('remove an entry');
    const text = await runCli(['diff', 'main', '--check-changesets'], repo);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'changesets added since main declare major for @virtbib/data:\n  major  .changeset/mine.md\nthat is enough\n',
    );
    expect(text.stdout).not.toContain('earlier.md');
  });

  it('an unknown ref is a usage error that says so, with the close names, and no git command line', async () => {
    makeRepo();
    const r = await runCli(['diff', 'mian'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'unknown git ref "mian": no branch, tag or commit of that name in this repository; did you mean "main"?',
    );
    expect(r.stderr).not.toMatch(/git rev-parse|--verify|\^\{commit\}/);
    // And through the real bin: the exit code reaches the shell, without a stack trace.
    const real = spawnSync(process.execPath, [bin, 'diff', 'nosuchref'], { cwd: repo, encoding: 'utf8' });
    expect(real.status).toBe(2);
    expect(real.stderr).toMatch(/^virtbib diff: unknown git ref "nosuchref": no branch, tag or commit/);
    expect(real.stderr).not.toMatch(/git rev-parse|\n\s+at /);
  });

  it('a ref that git would read as an option is refused before git runs', async () => {
    makeRepo();
    const r = await runCli(['diff', '--', '--remote=/nonexistent'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"--remote=/nonexistent" is not a git ref');
  });

  it('outside a git repository it says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-nogit-'));
    mkdirSync(join(dir, 'entries'));
    try {
      const r = await runCli(['diff', 'main', '--data', '.'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not inside a git repository');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
