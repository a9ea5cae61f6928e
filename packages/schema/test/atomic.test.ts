import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrentModificationError, WriteError } from '../src/errors.js';
import { type AtomicFs, removeStaleTemporaries, writeFileAtomic } from '../src/files/atomic.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function scratch(content = 'old\n'): string {
  dir = mkdtempSync(join(tmpdir(), 'virtbib-atomic-'));
  const file = join(dir, 'a.yaml');
  writeFileSync(file, content);
  return file;
}

/** The real file system with one call replaced: the seam tests use to simulate a full disk or a race. */
function fsWith(overrides: Partial<AtomicFs>): AtomicFs {
  return { ...fs, ...overrides } as AtomicFs;
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    const file = scratch();
    writeFileAtomic(file, 'new\n', 'old\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('refuses to overwrite a file that changed since it was read', () => {
    const file = scratch('edited meanwhile\n');
    expect(() => writeFileAtomic(file, 'new\n', 'old\n')).toThrow(ConcurrentModificationError);
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('completes short writes: everything is written, whatever each call manages', () => {
    const file = scratch();
    const content = 'x'.repeat(20_000);
    const dribble = fsWith({
      writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number) =>
        fs.writeSync(fd, buffer, offset, Math.min(length, 3000))) as AtomicFs['writeSync'],
    });
    writeFileAtomic(file, content, 'old\n', { fs: dribble });
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('a full disk never leaves a truncated file: the old content stays, the temporary goes', () => {
    const file = scratch();
    let written = 0;
    const full = fsWith({
      writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number) => {
        if (written >= 8192) throw enospc();
        const n = fs.writeSync(fd, buffer, offset, Math.min(length, 8192 - written));
        written += n;
        return n;
      }) as AtomicFs['writeSync'],
    });
    expect(() => writeFileAtomic(file, 'y'.repeat(50_000), 'old\n', { fs: full })).toThrow(WriteError);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('writes a sequence of chunks as it comes, in writes of about a megabyte, never the whole at once', () => {
    const file = scratch();
    const sizes: number[] = [];
    const counting = fsWith({
      writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number) => {
        sizes.push(length);
        return fs.writeSync(fd, buffer, offset, length);
      }) as AtomicFs['writeSync'],
    });
    let produced = 0;
    function* lines() {
      for (let i = 0; i < 100_000; i++) {
        produced++;
        yield `line ${i} ${'é'.repeat(20)}\n`;
      }
      yield Buffer.from('end\n');
    }
    writeFileAtomic(file, lines(), 'old\n', { fs: counting });
    const text = readFileSync(file, 'utf8');
    expect(produced).toBe(100_000);
    expect(text.startsWith('line 0 éééé')).toBe(true);
    expect(text.endsWith('line 99999 ééééééééééééééééééé\u00e9\nend\n')).toBe(true);
    expect(Buffer.byteLength(text)).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThan(2 * 1024 * 1024);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('a chunked write that fails midway leaves the old file, and nothing else', () => {
    const file = scratch();
    function* failing() {
      yield 'x'.repeat(2 * 1024 * 1024);
      throw new Error('the producer failed');
    }
    expect(() => writeFileAtomic(file, failing(), 'old\n')).toThrow(WriteError);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('a write that makes no progress is an error, not a silent truncation', () => {
    const file = scratch();
    const stuck = fsWith({ writeSync: (() => 0) as AtomicFs['writeSync'] });
    expect(() => writeFileAtomic(file, 'new\n', 'old\n', { fs: stuck })).toThrow(/wrote 0 of 4 bytes/);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('flushes the data to disk before the rename, and the directory after it', () => {
    const file = scratch();
    const calls: string[] = [];
    const traced = fsWith({
      writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
        calls.push('write');
        return (fs.writeSync as (...a: unknown[]) => number)(...args);
      }) as AtomicFs['writeSync'],
      fsyncSync: (fd: number) => {
        calls.push(fs.fstatSync(fd).isDirectory() ? 'fsync dir' : 'fsync file');
        fs.fsyncSync(fd);
      },
      renameSync: (from: fs.PathLike, to: fs.PathLike) => {
        calls.push('rename');
        fs.renameSync(from, to);
      },
    });
    writeFileAtomic(file, 'new\n', 'old\n', { fs: traced });
    expect(calls).toEqual(['write', 'fsync file', 'rename', 'fsync dir']);
  });

  it('with sync: false (a cache, which can be rebuilt), stays atomic but skips the flushes', () => {
    const file = scratch();
    const calls: string[] = [];
    const traced = fsWith({
      fsyncSync: () => {
        calls.push('fsync');
      },
      renameSync: (from: fs.PathLike, to: fs.PathLike) => {
        calls.push('rename');
        fs.renameSync(from, to);
      },
    });
    writeFileAtomic(file, 'new\n', 'old\n', { fs: traced, sync: false });
    expect(calls).toEqual(['rename']);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });

  it('never follows a symlink planted at its temporary name', () => {
    const file = scratch();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    let planted = '';
    const hostile = fsWith({
      openSync: ((path: string, flags: number, mode?: number) => {
        if (!planted && path.endsWith('.tmp')) {
          planted = path;
          symlinkSync(victim, path);
        }
        return fs.openSync(path, flags, mode);
      }) as AtomicFs['openSync'],
    });
    writeFileAtomic(file, 'new\n', 'old\n', { fs: hostile });
    expect(planted).not.toBe('');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });

  it('checks for an edit on disk after writing the temporary, right before the rename', () => {
    const file = scratch();
    // An editor saves the file while the new content is being written.
    const racing = fsWith({
      fsyncSync: (fd: number) => {
        if (!fs.fstatSync(fd).isDirectory()) writeFileSync(file, 'saved by an editor\n');
        fs.fsyncSync(fd);
      },
    });
    expect(() => writeFileAtomic(file, 'new\n', 'old\n', { fs: racing })).toThrow(
      ConcurrentModificationError,
    );
    expect(readFileSync(file, 'utf8')).toBe('saved by an editor\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('keeps the permissions of the file it replaces', () => {
    const file = scratch();
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'new\n', 'old\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });
});

describe('removeStaleTemporaries', () => {
  it('removes what a killed write left behind, and nothing else', () => {
    scratch();
    writeFileSync(join(dir, 'a.yaml.0123456789ab.tmp'), 'partial');
    writeFileSync(join(dir, 'notes.tmp'), 'not ours');
    writeFileSync(join(dir, 'b.yaml.xyz.tmp'), 'not ours either');
    mkdirSync(join(dir, 'c.yaml.0123456789ab.tmp'));
    expect(removeStaleTemporaries(dir)).toEqual(['a.yaml.0123456789ab.tmp']);
    expect(readdirSync(dir).sort()).toEqual([
      'a.yaml',
      'b.yaml.xyz.tmp',
      'c.yaml.0123456789ab.tmp',
      'notes.tmp',
    ]);
  });
});

describe('temporary files and git', () => {
  it('a temporary file next to an entry is ignored, so a killed run never gets it committed', () => {
    const repo = join(import.meta.dirname, '../../..');
    const out = execFileSync('git', ['check-ignore', 'packages/data/entries/x.yaml.0123456789ab.tmp'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('packages/data/entries/x.yaml.0123456789ab.tmp');
  });
});
