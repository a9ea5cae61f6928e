import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

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
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'base');
}

function write(path: string, text: string) {
  writeFileSync(join(repo, path), text);
}

function diff(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'diff', 'main', '--format', 'json', ...args], {
    cwd: join(repo, 'packages/data'),
    encoding: 'utf8',
  });
  return { code: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

describe('virtbib diff', () => {
  it('no change needs no release', () => {
    makeRepo();
    expect(diff().report).toMatchObject({ needed: 'none', reasons: [] });
  });

  it('an added entry is a patch', () => {
    makeRepo();
    write('packages/data/entries/doe2021gamma.yaml', entry('doe2021gamma'));
    expect(diff().report).toMatchObject({
      needed: 'patch',
      reasons: [{ level: 'patch', message: 'entry doe2021gamma added' }],
    });
  });

  it('a corrected entry is a patch that names the fields', () => {
    makeRepo();
    write('packages/data/entries/doe2020beta.yaml', entry('doe2020beta', 'Beta, Corrected', 'pages: 1-10\n'));
    expect(diff().report.reasons).toEqual([
      { level: 'patch', message: 'entry doe2020beta corrected (pages, title)' },
    ]);
  });

  it('a removed entry is major', () => {
    makeRepo();
    rmSync(join(repo, 'packages/data/entries/doe2020beta.yaml'));
    expect(diff().report).toMatchObject({
      needed: 'major',
      reasons: [{ level: 'major', message: 'entry doe2020beta removed' }],
    });
  });

  it('a renamed entry (same DOI, new ID) is major and named as a rename', () => {
    makeRepo();
    renameSync(
      join(repo, 'packages/data/entries/doe2020alpha.yaml'),
      join(repo, 'packages/data/entries/doe2020alpha2.yaml'),
    );
    write('packages/data/entries/doe2020alpha2.yaml', entry('doe2020alpha2', 'Alpha', 'doi: 10.1/alpha\n'));
    const { report } = diff();
    expect(report.needed).toBe('major');
    expect(report.reasons).toContainEqual({
      level: 'major',
      message: 'entry doe2020alpha renamed to doe2020alpha2',
    });
  });

  it('a new topic is minor; a removed topic is major', () => {
    makeRepo();
    write('packages/data/topics.yaml', topics(['cpu', 'memory']));
    expect(diff().report).toMatchObject({
      needed: 'minor',
      reasons: [{ level: 'minor', message: 'topic memory added' }],
    });
    write('packages/data/topics.yaml', topics(['memory']));
    expect(diff().report.reasons).toContainEqual({ level: 'major', message: 'topic cpu removed' });
  });

  it('a narrowed schema is major, a widened one minor', () => {
    makeRepo();
    const file = join(repo, 'packages/schema/schemas/entry.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.properties.venueRank = { type: 'string' };
    writeFileSync(file, JSON.stringify(schema));
    expect(diff().report).toMatchObject({ needed: 'minor' });
    schema.required.push('venueRank');
    writeFileSync(file, JSON.stringify(schema));
    expect(diff().report.reasons).toContainEqual({
      level: 'major',
      message: 'entry.schema.json.venueRank: required field added',
    });
  });

  it('--check-changesets fails when the pending changesets declare less than needed', () => {
    makeRepo();
    rmSync(join(repo, 'packages/data/entries/doe2020beta.yaml'));
    write('.changeset/small.md', '---\n"@virtbib/data": patch\n---\n\nRemove an entry.\n');
    expect(diff('--check-changesets')).toMatchObject({
      code: 1,
      report: { needed: 'major', declared: 'patch', ok: false },
    });
    write(
      '.changeset/big.md',
      "---\n'@virtbib/data': major\n'@virtbib/schema': patch\n---\n\nRemove an entry.\n",
    );
    expect(diff('--check-changesets')).toMatchObject({ code: 0, report: { declared: 'major', ok: true } });
  });

  it('an unknown ref is a usage error', () => {
    makeRepo();
    const r = spawnSync(process.execPath, [bin, 'diff', 'no-such-ref'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git rev-parse');
  });
});
