// Paths and small utilities shared by the tests. Most tests read dist/, which `npm run build` writes
// (turbo runs the build before the tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = join(packageDir, '..', '..');
export const distDir = join(packageDir, 'dist');
export const buildScript = join(packageDir, 'scripts', 'build.mjs');

export function readDist(name: string): string {
  const file = join(distDir, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` in packages/data first.`);
  return readFileSync(file, 'utf8');
}

export function readDistJson<T = unknown>(name: string): T {
  return JSON.parse(readDist(name)) as T;
}

/** Runs the build script with arguments; never throws, returns what happened. */
export function runBuild(args: string[]) {
  const result = spawnSync(process.execPath, [buildScript, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `virtbib-data-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether a program is on PATH. */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Whether the tests that need a program should run: when it is installed, and always in CI (CI=true), where a
 * missing tool must fail those tests rather than skip them. `note` says why they were skipped, for test names.
 */
export function tool(name: string, install: string): { run: boolean; note: string } {
  const present = hasProgram(name);
  const run = present || process.env.CI === 'true';
  return { run, note: run ? '' : ` (skipped: ${name} is not installed; ${install})` };
}

/** The environment for npm in tests: nothing that could reach the network (update check, audit, funding). */
export const npmEnv = {
  ...process.env,
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
