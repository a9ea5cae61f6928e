import { lstatSync, type Stats } from 'node:fs';

// Alone in its module so that the identities worker (identities-worker.ts) loads nothing else.

/** Device, inode, size, modification and change times of a regular file. */
export type Identity = readonly [number, number, number, number, number];

/** The identity of a regular file that is not a link, or undefined (such files are never cached). */
export function identityOf(path: string): Identity | undefined {
  let stats: Stats | undefined;
  try {
    stats = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats?.isFile()) return undefined;
  return [stats.dev, stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs];
}
