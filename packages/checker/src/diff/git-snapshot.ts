import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UsageError } from '@virtbib/schema';
import { didYouMean } from '../suggest.js';

/** A git command that failed, with git's own first line of complaint (never the command line). */
class GitFailed extends Error {
  constructor(readonly stderr: string) {
    super(stderr.split('\n')[0] ?? '');
  }
}

/** Runs git and returns its output. Failures are for the callers to word: they know what was meant. */
function run(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError('git is not installed (or not on PATH); `virtbib diff` reads the base with git.');
    throw new GitFailed(String((error as { stderr?: unknown }).stderr ?? '').trim());
  }
}

export function repositoryRoot(cwd: string): string {
  try {
    return run(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    throw new UsageError(`${cwd} is not inside a git repository: \`virtbib diff\` compares with a git ref.`);
  }
}

/**
 * The commit a ref names, as a full hash. A name that is no commit is a usage error that says so, with
 * the branch or tag names close to it; a "ref" that starts with "-" is refused before git sees it, since
 * git would read it as an option (`--remote=...` would make `git archive` fetch from elsewhere).
 */
export function resolveCommit(root: string, ref: string): string {
  if (ref.startsWith('-') || ref.trim() === '')
    throw new UsageError(`"${ref}" is not a git ref; give a branch, tag or commit, e.g. origin/main.`);
  try {
    return run(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim();
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    let names: string[] = [];
    try {
      names = run(root, ['for-each-ref', '--format=%(refname:short)']).split('\n').filter(Boolean);
    } catch {}
    const hint = didYouMean(ref, names, (s) => `"${s}"`);
    throw new UsageError(
      `unknown git ref "${ref}": no branch, tag or commit of that name in this repository${hint || '.'} In a shallow CI clone, fetch the base first (e.g. \`git fetch origin main\`).`,
    );
  }
}

/** The names of the files directly in a folder at a commit (e.g. the changesets on the base branch). */
export function filesAt(root: string, commit: string, folder: string): string[] {
  try {
    return run(root, ['ls-tree', '--name-only', commit, '--', `${folder}/`])
      .split('\n')
      .filter(Boolean)
      .map((path) => path.slice(path.lastIndexOf('/') + 1));
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    throw new UsageError(`git could not list ${folder} at ${commit}: ${error.message}`);
  }
}

/**
 * Extracts the given paths as they were at `commit` (a hash from `resolveCommit`) into a temporary
 * directory (git archive piped to tar), calls `use` with it, and removes it afterwards.
 */
export async function withSnapshot<T>(
  root: string,
  commit: string,
  paths: string[],
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-snapshot-'));
  try {
    const present = paths.filter((p) => run(root, ['ls-tree', '--name-only', commit, '--', p]).trim() !== '');
    if (present.length > 0) {
      const archive = execFileSync('git', ['archive', '--format=tar', commit, '--', ...present], {
        cwd: root,
        maxBuffer: 1024 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      execFileSync('tar', ['-x', '-C', dir], { input: archive, stdio: ['pipe', 'ignore', 'pipe'] });
    }
    return await use(dir);
  } catch (error) {
    if (error instanceof GitFailed)
      throw new UsageError(`git could not read the files at ${commit}: ${error.message}`);
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function relativeTo(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}
