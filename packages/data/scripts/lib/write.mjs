// Writing output files so that readers only ever see a whole old file or a whole new one.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * Writes `content` to `path` through a temporary file in the same directory and a rename, which replaces the
 * file in one step. A file that already holds the content is left alone, so its modification time (which
 * build tools compare) only moves when the bytes do. Returns whether it wrote.
 *
 * No fsync: the rename already keeps readers from seeing a partial file, and after a crash a build output is
 * simply built again, while flushing the 30 MB of outputs of a large dataset would slow every rebuild.
 */
export function writeIfChanged(path, content) {
  const bytes = Buffer.from(content);
  try {
    if (statSync(path).size === bytes.length && readFileSync(path).equals(bytes)) return false;
  } catch {}
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return true;
}
