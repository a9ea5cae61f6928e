import { describe, expect, it } from 'vitest';
import { packCache, unpackCache } from '../src/cache/cache-file.js';

const columns = (files: string[]) => ({
  header: { format: 'f', findings: [[0, ['x']]], note: 'é\u2028' },
  files,
  identities: Uint8Array.from({ length: files.length * 40 }, (_, i) => (i * 37) % 256),
  hashes: 'h'.repeat(files.length * 22),
  digestHashes: 'd'.repeat(files.length * 22),
});

describe('cache file bytes', () => {
  it('unpacks what it packed: header, names (any UTF-8), identities and hashes', () => {
    for (const files of [[], ['topics.yaml'], ['entries/a.yaml', 'entries/ü–名.yaml', 'topics.yaml', '']]) {
      const packed = columns(files);
      const back = unpackCache(packCache(packed));
      expect(back).toBeDefined();
      expect(back!.header).toEqual(packed.header);
      expect(back!.files).toEqual(files);
      expect([...back!.identities]).toEqual([...packed.identities]);
      expect(back!.hashes).toBe(packed.hashes);
      expect(back!.digestHashes).toBe(packed.digestHashes);
    }
  });

  it('a file cut short or run on at any length unpacks to nothing', () => {
    const bytes = packCache(columns(['entries/a.yaml', 'entries/b.yaml', 'topics.yaml']));
    for (let length = 0; length < bytes.length; length++)
      expect(unpackCache(bytes.subarray(0, length)), `cut at ${length}`).toBeUndefined();
    expect(unpackCache(Buffer.concat([bytes, Buffer.from('x')]))).toBeUndefined();
  });

  it('column lengths that disagree with the count or the bytes unpack to nothing', () => {
    const good = columns(['entries/a.yaml', 'topics.yaml']);
    const bytes = packCache(good);
    const end = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, end));
    const rest = bytes.subarray(end + 1);
    const withColumns = (change: Record<string, unknown>) =>
      Buffer.concat([
        Buffer.from(`${JSON.stringify({ ...header, columns: { ...header.columns, ...change } })}\n`),
        rest,
      ]);
    expect(unpackCache(withColumns({}))).toBeDefined();
    for (const change of [
      { count: 3 },
      { count: -1 },
      { identityBytes: header.columns.identityBytes + 1 },
      { hashBytes: 1.5 },
      { nameBytes: '12' },
    ])
      expect(unpackCache(withColumns(change)), JSON.stringify(change)).toBeUndefined();
    expect(unpackCache(Buffer.from('[1]\n'))).toBeUndefined();
    expect(unpackCache(Buffer.from('{"columns":null}\n'))).toBeUndefined();
  });
});
