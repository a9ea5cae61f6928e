import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/atomic.js';
import { ConcurrentModificationError } from '../src/errors.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    dir = mkdtempSync(join(tmpdir(), 'virtbib-atomic-'));
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old\n');
    writeFileAtomic(file, 'new\n', 'old\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('refuses to overwrite a file that changed since it was read', () => {
    dir = mkdtempSync(join(tmpdir(), 'virtbib-atomic-'));
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'edited meanwhile\n');
    expect(() => writeFileAtomic(file, 'new\n', 'old\n')).toThrow(ConcurrentModificationError);
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});
