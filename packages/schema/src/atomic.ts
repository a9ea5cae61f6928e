import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { ConcurrentModificationError } from './errors.js';

/**
 * Writes a file so that readers only ever see the old or the new content: a temporary file in the same
 * directory is flushed and renamed over the target. With `expected`, the write is refused when the file on
 * disk no longer holds what was read, so an edit made meanwhile (by a person or an editor) is never lost.
 */
export function writeFileAtomic(path: string, content: string, expected?: string | Buffer): void {
  if (expected !== undefined) {
    let current: Buffer | undefined;
    try {
      current = readFileSync(path);
    } catch {}
    const want = typeof expected === 'string' ? Buffer.from(expected) : expected;
    if (!current?.equals(want)) throw new ConcurrentModificationError(path);
  }
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}
