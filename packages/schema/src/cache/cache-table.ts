import type { FileKind } from '../checking/schema-order.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Identity } from './file-identity.js';

/** What the cache holds for one file (cache.ts). */
export interface CachedFile {
  kind: FileKind;
  identity: Identity;
  hash: string;
  diagnostics: Diagnostic[];
  /** A fingerprint of the file's digest (digestHash). */
  digestHash: string;
  /** The entry's ID and the rules it waives, for the waivers, when it waives any. */
  waivers?: { id: string; rules: string[] };
}

/** Both hashes (contentHash, digestHash) are this many base64 characters: the columns hold them end to end. */
export const HASH_CHARS = 22;
const NO_DIAGNOSTICS: Diagnostic[] = [];

/**
 * The records of a cache as the columns it was read from, so that a warm run over 100k unchanged files
 * makes no object per file: a file is found by its position (the same as in the dataset's list while no
 * file came or went), its identity is compared in place, and a record is made only for a file that is
 * read again or when the cache is written anew.
 */
export class CacheTable {
  static readonly EMPTY = new CacheTable([], new Float64Array(0), '', '', new Map(), new Map(), new Set());
  private byName: Map<string, number> | undefined;
  /** How many records can be used (those whose rows were well formed). */
  readonly size: number;

  constructor(
    private readonly files: readonly string[],
    /** Five numbers per file (device, inode, size, modification and change times). */
    private readonly identities: Float64Array,
    private readonly hashes: string,
    private readonly digestHashes: string,
    private readonly diagnostics: ReadonlyMap<number, Diagnostic[]>,
    private readonly waivers: ReadonlyMap<number, { id: string; rules: string[] }>,
    /** Positions whose findings or waivers row was malformed: such a file is read again. */
    private readonly broken: ReadonlySet<number>,
  ) {
    this.size = files.length - broken.size;
  }

  /** Every file of the cache, in its order (that of the dataset's list when it was written). */
  names(): readonly string[] {
    return this.files;
  }

  /** The position of `file`, or -1; `hint` is where it is when the dataset's files did not change. */
  find(file: string, hint: number): number {
    let at = this.files[hint] === file ? hint : -1;
    if (at === -1) {
      if (!this.byName) {
        this.byName = new Map();
        for (let i = 0; i < this.files.length; i++) this.byName.set(this.files[i]!, i);
      }
      at = this.byName.get(file) ?? -1;
    }
    return at !== -1 && this.broken.has(at) ? -1 : at;
  }

  kind(at: number): FileKind {
    const file = this.files[at]!;
    // The kind follows from where the file is, as the dataset's layout says.
    return file.startsWith('entries/') ? 'entry' : file.startsWith('notes/') ? 'notes' : 'topics';
  }

  /** Whether the identity at `current[from..from+5]` equals the one recorded at `at`. */
  sameIdentity(at: number, current: Float64Array, from: number): boolean {
    const mine = at * 5;
    const theirs = from * 5;
    for (let k = 0; k < 5; k++) if (this.identities[mine + k] !== current[theirs + k]) return false;
    return true;
  }

  hash(at: number): string {
    return this.hashes.slice(at * HASH_CHARS, (at + 1) * HASH_CHARS);
  }

  digestHash(at: number): string {
    return this.digestHashes.slice(at * HASH_CHARS, (at + 1) * HASH_CHARS);
  }

  diagnosticsAt(at: number): Diagnostic[] {
    return this.diagnostics.get(at) ?? NO_DIAGNOSTICS;
  }

  waiversAt(at: number): { id: string; rules: string[] } | undefined {
    return this.waivers.get(at);
  }

  /** The record at `at`, made now. */
  record(at: number): CachedFile {
    const n = at * 5;
    const ids = this.identities;
    const record: CachedFile = {
      kind: this.kind(at),
      identity: [ids[n]!, ids[n + 1]!, ids[n + 2]!, ids[n + 3]!, ids[n + 4]!],
      hash: this.hash(at),
      diagnostics: this.diagnosticsAt(at),
      digestHash: this.digestHash(at),
    };
    const waived = this.waivers.get(at);
    if (waived) record.waivers = waived;
    return record;
  }
}
