import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UsageError } from '@virtbib/schema';

/** Runs git and returns its output; a failure becomes a usage error naming what git said. */
export function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new UsageError(`git ${args.join(' ')} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`);
  }
}

export function repositoryRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/**
 * Extracts the given paths as they were at `ref` into a temporary directory (git archive piped to tar),
 * calls `use` with it, and removes it afterwards.
 */
export async function withSnapshot<T>(
  root: string,
  ref: string,
  paths: string[],
  use: (dir: string) => Promise<T>,
): Promise<T> {
  git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-snapshot-'));
  try {
    const present = paths.filter((p) => git(root, ['ls-tree', '--name-only', ref, '--', p]).trim() !== '');
    if (present.length > 0) {
      const archive = execFileSync('git', ['archive', '--format=tar', ref, '--', ...present], {
        cwd: root,
        maxBuffer: 1024 * 1024 * 1024,
      });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    }
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function relativeTo(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}
