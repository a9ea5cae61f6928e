import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from '@virtbib/schema';

/**
 * The files changed since a git ref, as absolute paths: committed and uncommitted changes to tracked
 * files (git diff against the working tree) plus new untracked files, so that a local run before
 * committing sees the same as CI after.
 */
export function changedFilesSince(ref: string, cwd: string): Set<string> {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new UsageError(
        `--changed-since: git ${args[0]} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}. Run inside the repository and give a ref that exists (fetch it first in a shallow CI clone).`,
      );
    }
  };
  if (ref.startsWith('-')) throw new UsageError(`--changed-since: "${ref}" is not a git ref.`);
  const top = git('rev-parse', '--show-toplevel').trim();
  git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  const names = [
    ...git('diff', '--name-only', '-z', ref, '--').split('\0'),
    ...git('ls-files', '--others', '--exclude-standard', '-z', '--full-name', top).split('\0'),
  ];
  return new Set(names.filter(Boolean).map((name) => resolve(top, name)));
}
