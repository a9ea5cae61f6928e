import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// What each command loads is asserted here, from the modules actually imported (recorded by a loader
// hook), never from timings: the start-up time itself is a benchmark (bench/startup.bench.mjs).
const bin = join(import.meta.dirname, '../bin/virtbib.js');
const trace = pathToFileURL(join(import.meta.dirname, 'support/trace-modules.mjs')).href;
const dist = pathToFileURL(join(import.meta.dirname, '../dist/')).href;
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-startup-'));
  temps.push(dir);
  return dir;
}

/** Runs the real bin with the tracing hook; returns the exit code and every module URL it imported. */
function modulesOf(args: string[], cwd = tmpdir()): { code: number | null; modules: string[] } {
  const log = join(scratch(), 'modules.txt');
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', trace, bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, VIRTBIB_TRACE_MODULES: log, NO_COLOR: '1' },
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { code: result.status, modules };
}

const packages = (modules: string[]) =>
  new Set(
    modules
      .map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1])
      .filter((name): name is string => name !== undefined),
  );
const ours = (modules: string[]) =>
  modules.filter((url) => url.startsWith(dist)).map((url) => url.slice(dist.length));

// Each case spawns Node with a loader hook: seconds on a busy machine, so no default timeout.
const SPAWN = 60_000;

describe('start-up: commands load what they use, when they run', () => {
  it(
    '--help and --version load the CLI shell and nothing else: no command, no dependency',
    () => {
      for (const flag of ['--help', '--version']) {
        const { code, modules } = modulesOf([flag]);
        expect(code, flag).toBe(0);
        expect(ours(modules), flag).toEqual(['cli.js', 'io.js']);
        expect(packages(modules), flag).toEqual(new Set());
        expect(
          modules.filter((url) => url.includes('/schema/dist/')),
          flag,
        ).toEqual([]);
      }
    },
    SPAWN,
  );

  it(
    'validate never loads the HTTP client, the link checker or citation-js',
    () => {
      const dir = scratch();
      mkdirSync(join(dir, 'entries'));
      writeFileSync(
        join(dir, 'entries/doe2020a.yaml'),
        'id: doe2020a\ntype: paper-conference\ntitle: A title\nauthors:\n  - family: Doe\n    given: Jane\nyear: 2020\ntopics: [cpu]\nannotation: A synthetic entry written by a test.\nprovenance:\n  source: contributed\n',
      );
      writeFileSync(
        join(dir, 'topics.yaml'),
        'topics:\n  - id: cpu\n    title: CPU\n    description: Processors.\n    readingOrder: [doe2020a]\n',
      );
      const { code, modules } = modulesOf(['validate', dir]);
      expect(code).toBe(0);
      const loaded = packages(modules);
      expect(loaded.has('undici')).toBe(false);
      expect([...loaded].some((name) => name.startsWith('@citation-js/'))).toBe(false);
      expect(ours(modules).filter((file) => /^(links|doi|archive|add)\//.test(file))).toEqual([]);
      expect(ours(modules)).not.toContain('commands/check.js');
    },
    SPAWN,
  );

  it(
    'add, diff and merge-reports load neither the HTTP client nor citation-js until they need them',
    () => {
      for (const command of ['add', 'diff', 'merge-reports', 'fmt']) {
        const { code, modules } = modulesOf([command, '--help']);
        expect(code, command).toBe(0);
        const loaded = packages(modules);
        expect(loaded.has('undici'), command).toBe(false);
        expect(
          [...loaded].some((name) => name.startsWith('@citation-js/')),
          command,
        ).toBe(false);
        // Only the command that runs is loaded.
        const commandsLoaded = ours(modules).filter((file) => file.startsWith('commands/'));
        expect(commandsLoaded, command).toEqual([`commands/${command}.js`]);
      }
    },
    SPAWN,
  );

  it(
    'the tracing hook sees a dependency when one is loaded (check loads undici)',
    () => {
      const { code, modules } = modulesOf(['check', '--help']);
      expect(code).toBe(0);
      expect(packages(modules).has('undici')).toBe(true);
    },
    SPAWN,
  );
});
