/**
 * The bytes of a validation cache file (cache.ts decides what goes in it). A first line of JSON holds the
 * small things (format, fingerprint, findings, waivers, cross-file results) and the byte length of each
 * column; the columns follow as raw bytes: the identities (five float64 per file), both hashes end to end
 * (ASCII), and the file names joined by NUL (UTF-8). Read back, the columns need no text decoding but the
 * names': at 100k files, reading the same columns as JSON cost the calling thread 200-290 ms, about a
 * quarter of a warm run.
 *
 * A file that is cut short, too long, or whose lengths disagree unpacks to undefined; what the columns
 * mean is checked by the caller.
 */

export interface CacheColumns {
  /** Whatever the first line held besides the column lengths. */
  header: Record<string, unknown>;
  files: readonly string[];
  identities: Uint8Array;
  hashes: string;
  digestHashes: string;
}

const NEWLINE = 0x0a;

export function packCache({ header, files, identities, hashes, digestHashes }: CacheColumns): Buffer {
  const names = Buffer.from(files.join('\0'), 'utf8');
  const lengths = {
    count: files.length,
    identityBytes: identities.length,
    hashBytes: hashes.length,
    digestHashBytes: digestHashes.length,
    nameBytes: names.length,
  };
  const first = Buffer.from(`${JSON.stringify({ ...header, columns: lengths })}\n`, 'utf8');
  return Buffer.concat([
    first,
    identities,
    Buffer.from(hashes, 'latin1'),
    Buffer.from(digestHashes, 'latin1'),
    names,
  ]);
}

export function unpackCache(bytes: Buffer): CacheColumns | undefined {
  const end = bytes.indexOf(NEWLINE);
  if (end === -1) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, end));
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
  const { columns, ...rest } = header as Record<string, unknown>;
  if (typeof columns !== 'object' || columns === null) return undefined;
  const { count, identityBytes, hashBytes, digestHashBytes, nameBytes } = columns as Record<string, unknown>;
  const sizes = [count, identityBytes, hashBytes, digestHashBytes, nameBytes];
  if (!sizes.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return undefined;
  let at = end + 1;
  const take = (length: number) => {
    const part = bytes.subarray(at, at + length);
    at += length;
    return part;
  };
  if (
    at +
      (identityBytes as number) +
      (hashBytes as number) +
      (digestHashBytes as number) +
      (nameBytes as number) !==
    bytes.length
  )
    return undefined;
  const identities = take(identityBytes as number);
  const hashes = take(hashBytes as number).toString('latin1');
  const digestHashes = take(digestHashBytes as number).toString('latin1');
  const joined = take(nameBytes as number).toString('utf8');
  const files = count === 0 ? [] : joined.split('\0');
  if (files.length !== count) return undefined;
  return { header: rest, files, identities, hashes, digestHashes };
}
