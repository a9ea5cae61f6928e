import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConcurrentModificationError, WriteError } from '../errors.js';

/** The file-system calls the writer makes: a seam, so tests can simulate a full disk or a race. */
export type AtomicFs = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'readFileSync'
  | 'lstatSync'
  | 'readdirSync'
>;

export interface AtomicOptions {
  fs?: AtomicFs;
  /**
   * Flush the data and the folder to disk (default true). Only a file that can be rebuilt (a cache) turns
   * it off: the write stays atomic, but a crash may lose it.
   */
  sync?: boolean;
}

/** How the writer names its temporary files: `<file>.<12 hex digits>.tmp`, next to the file. */
export const TEMPORARY_NAME = /\.[0-9a-f]{12}\.tmp$/;

// O_EXCL makes the create fail on anything already at the name, a planted symbolic link included, so the
// writer never writes through a link; O_NOFOLLOW says the same on systems that honour it.
const CREATE_FLAGS =
  nodeFs.constants.O_WRONLY |
  nodeFs.constants.O_CREAT |
  nodeFs.constants.O_EXCL |
  (nodeFs.constants.O_NOFOLLOW ?? 0);

/**
 * Writes a file so that readers only ever see the old or the new content (a string, bytes, or a sequence
 * of chunks for files too large to hold at once): the new content goes to a fresh
 * temporary file next to it (exclusive create), is written in full (a short write is continued, a full disk
 * is an error) and flushed to disk, and only then renamed over the file; the folder is flushed after the
 * rename. On any failure the temporary file is removed and the file is left as it was.
 *
 * With `expected`, the write is refused when the file on disk no longer holds what was read, so an edit
 * made meanwhile (by a person or an editor) is never lost. The comparison is made after the new content is
 * on disk, immediately before the rename, to leave the smallest window for such an edit.
 */
export function writeFileAtomic(
  path: string,
  content: string | Uint8Array | Iterable<string | Uint8Array>,
  expected?: string | Uint8Array,
  options: AtomicOptions = {},
): void {
  const fs = options.fs ?? nodeFs;
  const mode = modeOf(fs, path);
  const { fd, temp } = createTemporary(fs, path, mode);
  let renamed = false;
  try {
    try {
      if (typeof content === 'string') writeAll(fs, fd, Buffer.from(content));
      else if (content instanceof Uint8Array) writeAll(fs, fd, content);
      else writeChunks(fs, fd, content);
      if (options.sync !== false) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (expected !== undefined && !holds(fs, path, expected)) throw new ConcurrentModificationError(path);
    fs.renameSync(temp, path);
    renamed = true;
  } catch (error) {
    if (!renamed) removeQuietly(fs, temp);
    if (error instanceof ConcurrentModificationError || error instanceof WriteError) throw error;
    throw new WriteError(path, describe(error), { cause: error });
  }
  if (options.sync !== false) syncFolder(fs, dirname(path));
}

function createTemporary(fs: AtomicFs, path: string, mode: number): { fd: number; temp: string } {
  // A name already taken (a leftover, or a link planted by someone guessing) is skipped, never reused.
  for (let attempt = 0; ; attempt++) {
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      return { fd: fs.openSync(temp, CREATE_FLAGS, mode), temp };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8)
        throw new WriteError(path, describe(error), { cause: error });
    }
  }
}

/** Chunks are gathered into writes of about this size: few system calls, never the whole file at once. */
const CHUNK_WRITE_BYTES = 1024 * 1024;

/**
 * Content given as a sequence of chunks is written as it comes, so a file larger than the longest string
 * V8 can build (a link report or state file of millions of URLs) never exists whole in memory.
 */
function writeChunks(fs: AtomicFs, fd: number, chunks: Iterable<string | Uint8Array>): void {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    pending.push(bytes);
    pendingBytes += bytes.byteLength;
    if (pendingBytes >= CHUNK_WRITE_BYTES) {
      writeAll(fs, fd, Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) writeAll(fs, fd, Buffer.concat(pending));
}

function writeAll(fs: AtomicFs, fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) {
    const written = fs.writeSync(fd, data, offset, data.length - offset);
    if (!(written > 0)) throw new Error(`wrote ${offset} of ${data.length} bytes, then no more`);
    offset += written;
  }
}

/** The permissions of the file being replaced, so that a rewrite keeps them; new files get the default. */
function modeOf(fs: AtomicFs, path: string): number {
  try {
    const stats = fs.lstatSync(path);
    if (stats.isFile()) return stats.mode & 0o777;
  } catch {}
  return 0o666;
}

function holds(fs: AtomicFs, path: string, expected: string | Uint8Array): boolean {
  let current: Buffer;
  try {
    current = fs.readFileSync(path);
  } catch {
    return false;
  }
  return current.equals(typeof expected === 'string' ? Buffer.from(expected) : expected);
}

/** Makes the rename itself durable. Some systems cannot open or flush a folder; the data is safe anyway. */
function syncFolder(fs: AtomicFs, dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, nodeFs.constants.O_RDONLY);
    fs.fsyncSync(fd);
  } catch {
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeQuietly(fs: AtomicFs, temp: string): void {
  try {
    fs.unlinkSync(temp);
  } catch {}
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'the disk quota is exhausted';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  return (error as Error).message ?? String(error);
}

/**
 * Removes the temporary files a killed write left in `dir` (`<name>.<12 hex>.tmp`, regular files only) and
 * returns their names. Safe while another writer runs: losing its temporary file makes its rename fail, and
 * the file it meant to replace stays as it was.
 */
export function removeStaleTemporaries(dir: string, options: AtomicOptions = {}): string[] {
  const fs = options.fs ?? nodeFs;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir) as string[];
  } catch {
    return removed;
  }
  for (const name of names.sort()) {
    if (!TEMPORARY_NAME.test(name) || !basename(name).replace(TEMPORARY_NAME, '')) continue;
    try {
      if (!fs.lstatSync(join(dir, name)).isFile()) continue;
      fs.unlinkSync(join(dir, name));
      removed.push(name);
    } catch {}
  }
  return removed;
}
