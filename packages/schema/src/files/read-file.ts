import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { sep } from 'node:path';

/** Why a data file could not be read; the loader turns it into a diagnostic. */
export interface FileProblem {
  code: 'file-missing' | 'file-not-regular' | 'file-symlink' | 'file-unreadable' | 'file-too-large';
  message: string;
  hint: string;
}

export type FileRead =
  | {
      bytes: Buffer;
      path: string;
      /**
       * Set by a reader that looked at every byte (read-ahead.ts) when all are line feeds or printable
       * ASCII (0x20-0x7E): the text then has no tab, no control character and nothing non-ASCII, and the
       * checks for those need not run.
       */
      printableAscii?: boolean;
    }
  | { problem: FileProblem };

/** True when every byte is a line feed or printable ASCII (0x20-0x7E). */
export function isPrintableAscii(bytes: Uint8Array): boolean {
  // Four bytes at a time where they are aligned: a word with no byte at or above 0x80, none below 0x20 and
  // no 0x7F is all printable; only a word that may hold another byte (most often a line feed) is looked at
  // byte by byte. Twice as fast as a loop over the bytes.
  const start = bytes.byteOffset;
  const end = start + bytes.length;
  const all = new Uint8Array(bytes.buffer);
  const head = Math.min(end, (start + 3) & ~3);
  const tail = head + ((end - head) & ~3);
  for (let i = start; i < head; i++) if (!isPrintableByte(all[i]!)) return false;
  const words = new Int32Array(bytes.buffer, head & ~3, (tail - head) >> 2);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const x = w ^ 0x7f7f7f7f;
    if (
      (w & 0x80808080) !== 0 ||
      ((w - 0x20202020) & ~w & 0x80808080) !== 0 ||
      ((x - 0x01010101) & ~x & 0x80808080) !== 0
    ) {
      const at = head + k * 4;
      if (
        !isPrintableByte(all[at]!) ||
        !isPrintableByte(all[at + 1]!) ||
        !isPrintableByte(all[at + 2]!) ||
        !isPrintableByte(all[at + 3]!)
      )
        return false;
    }
  }
  for (let i = tail; i < end; i++) if (!isPrintableByte(all[i]!)) return false;
  return true;
}

function isPrintableByte(b: number): boolean {
  return b === 0x0a || (b >= 0x20 && b <= 0x7e);
}

// O_NOFOLLOW: a symbolic link is never opened blindly (it is resolved and checked first). O_NONBLOCK: opening
// a FIFO returns at once instead of waiting for a writer; it changes nothing for regular files.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a data file of a dataset whose root is `root`, refusing what is not a regular file inside the dataset:
 * directories, FIFOs and devices, symbolic links that leave the dataset, loop or dangle, and files over
 * `limit` bytes (their content is not kept). A link inside the dataset is followed, and `path` in the result
 * is the file it points at, so that a rewrite replaces that file and keeps the link.
 *
 * The bytes are a view of a buffer reused by the next call: decode them before reading another file.
 * Validating 100k files is dominated by system calls, so a regular file costs three (open, read, close);
 * the file's status is asked only when the read says something unusual (nothing read, an error, too much).
 */
export function readDataFile(path: string, root: string, limit: number): FileRead {
  let fd: number;
  let real = path;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    // Linux says ELOOP when the last component is a link and O_NOFOLLOW is set; FreeBSD says EMLINK.
    if (code !== 'ELOOP' && code !== 'EMLINK') return { problem: openProblem(error) };
    const resolved = resolveLink(path, root);
    if ('problem' in resolved) return resolved;
    real = resolved.path;
    try {
      fd = openSync(real, OPEN_FLAGS);
    } catch (again) {
      return { problem: openProblem(again) };
    }
  }
  try {
    let buffer = sharedBuffer(limit + 1);
    let length: number;
    try {
      length = readAll(fd, buffer, limit + 1);
    } catch (error) {
      // A directory opens but cannot be read (EISDIR); a FIFO without a writer would say EAGAIN.
      const stats = fstatSync(fd);
      return { problem: stats.isFile() ? openProblem(error) : notRegular(stats) };
    }
    if (length === 0 || length > limit) {
      // An empty read is also what a FIFO without a writer gives, and a device never ends.
      const stats = fstatSync(fd);
      if (!stats.isFile()) return { problem: notRegular(stats) };
      if (length > limit) return { problem: tooLarge(stats.size, limit) };
    }
    buffer = buffer.subarray(0, length);
    return { bytes: buffer, path: real };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads until end of file or `max` bytes, whichever comes first. A regular file gives all it has up to the
 * count asked for, so a shorter answer is its end: one read per file, not a second one to see nothing left.
 */
function readAll(fd: number, buffer: Buffer, max: number): number {
  let offset = 0;
  while (offset < max) {
    const read = readSync(fd, buffer, offset, max - offset, null);
    offset += read;
    if (read === 0 || offset < max) break;
  }
  return offset;
}

let shared = Buffer.allocUnsafe(0);
function sharedBuffer(size: number): Buffer {
  if (shared.length < size) shared = Buffer.allocUnsafe(size);
  return shared;
}

/** The file a symbolic link points at, if that is a file inside the dataset. */
function resolveLink(path: string, root: string): { path: string } | { problem: FileProblem } {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch (error) {
    return { problem: openProblem(error) };
  }
  if (!isLink)
    return {
      problem: unreadable('a folder on its path is a symbolic link that loops back on itself'),
    };
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP')
      return { problem: symlink('Is a symbolic link that loops back on itself (a link cycle).') };
    if (code === 'ENOENT') return { problem: symlink('Is a symbolic link that points to nothing.') };
    return { problem: openProblem(error) };
  }
  if (!isInside(real, realRoot(root)))
    return {
      problem: symlink('Is a symbolic link to a file outside the dataset; it is not read.'),
    };
  return { path: real };
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = realpathSync(root);
    } catch {
      real = root;
    }
    realRoots.set(root, real);
  }
  return real;
}

export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function symlink(message: string): FileProblem {
  return {
    code: 'file-symlink',
    message,
    hint: 'Replace the link with the file itself, or point it at a file inside the dataset.',
  };
}

function notRegular(stats: Stats): FileProblem {
  const what = stats.isDirectory()
    ? 'a directory'
    : stats.isFIFO()
      ? 'a FIFO (named pipe)'
      : stats.isSocket()
        ? 'a socket'
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
  return {
    code: 'file-not-regular',
    message: `Is ${what}, not a data file.`,
    hint: 'Data files are regular YAML files: rename or remove it.',
  };
}

function tooLarge(size: number, limit: number): FileProblem {
  return {
    code: 'file-too-large',
    message: `File is ${size} bytes; the limit is ${limit} bytes.`,
    hint: 'An entry is a few kilobytes: check that this is the file you meant to add, or split it.',
  };
}

function unreadable(reason: string): FileProblem {
  return {
    code: 'file-unreadable',
    message: `Cannot be read: ${reason}.`,
    hint: 'Check the permissions of the file and of the folders above it.',
  };
}

function openProblem(error: unknown): FileProblem {
  const code = errorCode(error);
  if (code === 'ENOENT')
    return {
      code: 'file-missing',
      message: 'The file does not exist.',
      hint: 'Create it, or check that it was not removed while the command ran.',
    };
  // A socket cannot be opened at all; say what it is rather than quoting the system's error.
  if (code === 'ENXIO' || code === 'EOPNOTSUPP')
    return {
      code: 'file-not-regular',
      message: 'Is a socket or device, not a data file.',
      hint: 'Data files are regular YAML files: rename or remove it.',
    };
  if (code === 'EACCES' || code === 'EPERM') return unreadable('permission denied');
  if (code === 'EISDIR') return notRegular({ isDirectory: () => true } as Stats);
  return unreadable(code ? `the system said ${code}` : String((error as Error)?.message ?? error));
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
