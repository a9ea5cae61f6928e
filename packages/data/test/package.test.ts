// The package as npm publishes it: package.json, publint --strict and arethetypeswrong.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { npmEnv, packageDir, repoRoot, tempDir } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

/** Every file path an exports map can point to. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

describe('package.json', () => {
  it('has no runtime dependencies and publishes only dist', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toBeUndefined();
    expect(pkg.files).toEqual(['dist']);
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.license).toBe('CC-BY-4.0');
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('exports the module and each raw file, and every target exists after the build', () => {
    expect(Object.keys(pkg.exports)).toEqual([
      '.',
      './bibliography.json',
      './csl.json',
      './bibliography.bib',
      './bibliography.biblatex.bib',
      './bibliography.ris',
      './topics/*',
      './package.json',
    ]);
    for (const target of [...targets(pkg.exports), pkg.main, pkg.types]) {
      if (target.includes('*')) continue;
      expect(existsSync(join(packageDir, target)), target).toBe(true);
    }
    expect(existsSync(join(packageDir, 'dist', 'topics', 'overview.bib'))).toBe(true);
  });

  it('refuses to pack without a fresh build: prepack checks dist/ against the sources', () => {
    expect(pkg.scripts.prepack).toBe('node scripts/build.mjs --check');
  });
});

describe('publint --strict', () => {
  it('reports nothing', async () => {
    const { messages, pkg: linted } = await publint({ pkgDir: packageDir, strict: true, pack: 'npm' });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, linted)}`)).toEqual([]);
  });
});

describe('arethetypeswrong', () => {
  it('reports no problem for node10, node16 (CJS and ESM) and bundler', () => {
    const temp = tempDir('attw');
    try {
      // The report goes to a file: attw exits before a large report written to a pipe is flushed.
      const reportFile = join(temp.dir, 'attw.json');
      const out = openSync(reportFile, 'w');
      // .bib and .ris are data files, not modules: no TypeScript resolution can ever type them. The topics/*
      // pattern has no one file to resolve.
      const run = spawnSync(
        join(repoRoot, 'node_modules', '.bin', 'attw'),
        [
          '--pack',
          '.',
          '--format',
          'json',
          // Our types are included: never look for @types on the registry.
          '--no-definitely-typed',
          '--exclude-entrypoints',
          './bibliography.bib',
          './bibliography.biblatex.bib',
          './bibliography.ris',
          './topics/*',
        ],
        { cwd: packageDir, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: npmEnv },
      );
      closeSync(out);
      const report = JSON.parse(readFileSync(reportFile, 'utf8'));
      expect(report.analysis.problems).toEqual([]);
      expect(Object.keys(report.analysis.entrypoints)).toEqual([
        '.',
        './bibliography.json',
        './csl.json',
        './package.json',
      ]);
      for (const entrypoint of Object.values<{ resolutions: object }>(report.analysis.entrypoints)) {
        expect(Object.keys(entrypoint.resolutions).sort()).toEqual([
          'bundler',
          'node10',
          'node16-cjs',
          'node16-esm',
        ]);
      }
      expect(run.status, run.stderr).toBe(0);
    } finally {
      temp.cleanup();
    }
  });
});
