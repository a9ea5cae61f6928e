import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/** Text is gathered into writes of about this size: few system calls, and never the whole file at once. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Writes a file from a sequence of chunks, atomically: readers see the old file or the new one, never
 * half of one. Unlike `writeFileAtomic` of @virtbib/schema, which takes the content as one string, this
 * never holds more than about a megabyte of it, so a report or a state file of millions of URLs (past the
 * longest string V8 can build) can be written.
 *
 * Same mechanism as the shared writer: a temporary file next to the target, created exclusively (a link
 * planted at its name is never followed), written in full (short writes are continued), flushed, then
 * renamed over the target (which replaces a link at the target's name rather than writing through it).
 */
export function writeChunksAtomic(path: string, chunks: Iterable<string | Uint8Array>): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx');
  let closed = false;
  try {
    let pending: (string | Uint8Array)[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pendingBytes === 0) return;
      writeFully(fd, Buffer.concat(pending.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))));
      pending = [];
      pendingBytes = 0;
    };
    for (const chunk of chunks) {
      pending.push(chunk);
      // String length undercounts bytes of non-ASCII text by up to 3x, which only makes writes larger.
      pendingBytes += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      if (pendingBytes >= WRITE_BYTES) flush();
    }
    flush();
    fsyncSync(fd);
    closeSync(fd);
    closed = true;
    renameSync(temp, path);
  } catch (error) {
    if (!closed) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {}
    throw error;
  }
}

/** write(2) may write less than asked (a full disk reports it on the next call): continue until done. */
function writeFully(fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length; ) {
    const written = writeSync(fd, buffer, offset, buffer.length - offset);
    if (written <= 0) throw new Error('the disk accepted no more bytes');
    offset += written;
  }
}
