import { closeSync, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOptions {
  /** How long to wait for another run to finish writing, in ms. */
  waitMs?: number;
  /** A lock older than this is left over from a run that died, in ms. */
  staleMs?: number;
  /** Pause between two attempts, in ms. */
  pollMs?: number;
}

export class LockTimeoutError extends Error {}

const DEFAULTS = { waitMs: 60_000, staleMs: 10 * 60_000, pollMs: 100 };

/**
 * Runs `work` while holding `<path>.lock`, a file created exclusively (so a link planted at that name is
 * never followed) that names the holder. Two `check` runs sharing a state file take turns to merge their
 * results into it. A lock whose holder is gone (a process of this machine that no longer exists, or a
 * lock older than `staleMs`) is taken over.
 */
export async function withLock<T>(path: string, work: () => Promise<T> | T, options: LockOptions = {}) {
  const { waitMs, staleMs, pollMs } = { ...DEFAULTS, ...options };
  const lock = `${path}.lock`;
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${process.pid} ${hostname()}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    }
    if (isStale(lock, staleMs)) {
      try {
        unlinkSync(lock);
      } catch {}
      continue;
    }
    if (Date.now() >= giveUpAt)
      throw new LockTimeoutError(
        `${lock} is held by another run (${holder(lock)}) for more than ${waitMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    return await work();
  } finally {
    try {
      unlinkSync(lock);
    } catch {}
  }
}

function isStale(lock: string, staleMs: number): boolean {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(lock);
  } catch {
    return true; // gone meanwhile: try again at once
  }
  // Anything but a plain file at that name was not made by a run: it holds nothing.
  if (!stat.isFile()) return true;
  if (Date.now() - stat.mtimeMs > staleMs) return true;
  const [pid, host] = holder(lock).split(' ');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function holder(lock: string): string {
  try {
    return readFileSync(lock, 'utf8').trim().slice(0, 200);
  } catch {
    return 'unknown';
  }
}
