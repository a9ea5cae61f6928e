import { hash as cryptoHash } from 'node:crypto';
import { dirname } from 'node:path';
import jsyaml from 'js-yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES } from '../files/file-limits.js';
import { type FileRead, readDataFile } from '../files/read-file.js';
import { parseCanonicalYaml } from './canonical-yaml.js';
import { findLayoutProblem, type LayoutProblem } from './format.js';

export { MAX_FILE_BYTES, MAX_TOPICS_FILE_BYTES };

export interface SourceFile {
  /** Absolute path on disk: for a symbolic link inside the dataset, the file it points at. */
  path: string;
  /** Path relative to the dataset root, used in diagnostics. */
  file: string;
  /**
   * The decoded text, without a byte-order mark. Validation drops it for files without findings, to keep
   * memory flat on large datasets; `textOf` reads it again when a position or a fix needs it.
   */
  text?: string;
  /** The first departure from the canonical text layout, found while the text was at hand. */
  layout?: LayoutProblem;
  /** The parsed document; `undefined` when it could not be parsed. */
  data: unknown;
  hasBom: boolean;
}

export interface ReadResult {
  source?: SourceFile;
  diagnostics: Diagnostic[];
  /** The SHA-256 of the file's bytes, when asked for. */
  hash?: string;
  /** True when `unchanged` recognised the bytes: nothing was decoded or parsed. */
  unchanged?: true;
}

export interface ReadOptions {
  /** Compute the hash of the bytes read (for a validation cache). */
  hash?: boolean;
  /** Called with the hash before anything is parsed; true stops there (the result is already known). */
  unchanged?: (hash: string) => boolean;
  /** The file as already read (by readDataFile, possibly on another thread: see read-ahead.ts). */
  read?: FileRead;
}

const latin1 = (bytes: Uint8Array) =>
  (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)).toString(
    'latin1',
  );

// ignoreBOM keeps a byte-order mark in the text, so that it can be reported rather than silently dropped.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads one YAML file and reports what stops it being read: what is not a regular file inside the dataset
 * (`root`, by default the file's folder), size, encoding, a BOM, tabs, YAML syntax, anchors and aliases,
 * duplicate keys and emptiness. js-yaml does the parsing because it is about ten times faster than the `yaml`
 * package on small documents; `yaml` is used only where comments or positions matter (locate, format).
 */
export function readSource(
  path: string,
  file: string,
  limit = MAX_FILE_BYTES,
  root = dirname(path),
  options: ReadOptions = {},
): ReadResult {
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, line: number, column: number, message: string, hint: string) =>
    diagnostics.push({ code, severity: 'error', file, line, column, message, hint });

  const read = options.read ?? readDataFile(path, root, limit);
  if ('problem' in read) {
    report(read.problem.code, 0, 0, read.problem.message, read.problem.hint);
    return { diagnostics };
  }
  const bytes = read.bytes;
  const hash = options.hash || options.unchanged ? contentHash(bytes) : undefined;
  if (hash !== undefined && options.unchanged?.(hash)) return { diagnostics, hash, unchanged: true };
  const result = parseBytes(bytes, read.path, file, diagnostics, read.printableAscii ?? false);
  return hash === undefined ? result : { ...result, hash };
}

/** A file's identity by content, for a validation cache: SHA-256, its first 128 bits. */
export function contentHash(bytes: Uint8Array): string {
  return cryptoHash('sha256', bytes, 'base64').slice(0, 22);
}

function parseBytes(
  bytes: Uint8Array,
  path: string,
  file: string,
  diagnostics: Diagnostic[],
  printableAscii: boolean,
): ReadResult {
  const report = (code: string, line: number, column: number, message: string, hint: string) =>
    diagnostics.push({ code, severity: 'error', file, line, column, message, hint });
  let text: string;
  try {
    // Bytes known to be printable ASCII decode the same in Latin-1, which copies them without the UTF-8
    // decoder's checks: a tenth of a second over 100k files.
    text = printableAscii ? latin1(bytes) : decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, offset);
    report(
      'encoding',
      line,
      column,
      `Byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset} is not valid UTF-8.`,
      'Save the file as UTF-8 (without a byte-order mark).',
    );
    return { diagnostics };
  }
  const hasBom = text.charCodeAt(0) === 0xfeff;
  if (hasBom) {
    text = text.slice(1);
    report('bom', 1, 1, 'File starts with a byte-order mark.', 'Run `virtbib fmt` to remove it.');
  }
  const source: SourceFile = { path, file, text, data: undefined, hasBom };
  const tab = printableAscii ? -1 : text.indexOf('\t');
  const tabAt = tab === -1 ? undefined : positionOfIndex(text, tab);
  if (tabAt)
    report(
      'no-tabs',
      tabAt.line,
      tabAt.column,
      'Tab character: YAML indentation must use spaces, and the canonical format has no tabs anywhere.',
      'Replace each tab with spaces (two per indentation level).',
    );
  // Most files are in the layout `virtbib fmt` writes: its parser is several times faster than js-yaml,
  // gives the same data, and accepts only text without layout problems. Anything else goes to js-yaml.
  const canonical = tabAt ? undefined : parseCanonicalYaml(text, { printableAscii });
  if (canonical !== undefined) {
    source.data = canonical;
    return { source, diagnostics };
  }
  const parsed = parseYaml(text, file);
  if ('error' in parsed) {
    const { code, line, column, message, hint } = parsed.error;
    // A tab in the indentation makes the YAML fail on that very line: the tab is the one finding to fix.
    const tabLine = code === 'yaml-syntax' && lineHasTab(text, line);
    if (!tabLine) report(code, line, column, message, hint);
    return { diagnostics, source };
  }
  // js-yaml reads an empty text as undefined and one of blanks and comments as null.
  if (parsed.data === undefined || (parsed.data === null && /^(?:[ \t]*(?:#.*)?(?:\r?\n|$))*$/.test(text))) {
    report(
      'file-empty',
      0,
      0,
      'The file is empty.',
      'Write the entry (see packages/data/README.md for the fields), or delete the file.',
    );
    return { diagnostics, source };
  }
  source.data = parsed.data;
  const layout = findLayoutProblem(text);
  if (layout) source.layout = layout;
  return { source, diagnostics };
}

interface ParseError {
  code: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

class AnchorFound extends Error {
  constructor(readonly anchor: string) {
    super(`anchor &${anchor}`);
  }
}

/**
 * Parses YAML with js-yaml's core schema. Anchors (and so aliases, which need one) are refused as soon as the
 * first anchored node closes: our files have no use for them, and a few nested aliases expand into billions
 * of nodes for whatever walks the document next. Only a text with an `&` can hold an anchor, so the
 * listener that watches for one is attached only then.
 */
function parseYaml(text: string, file: string): { data: unknown } | { error: ParseError } {
  // js-yaml's typings leave `anchor` out of the parser state the listener receives; it is there.
  const listener = text.includes('&')
    ? (((event: string, state: { anchor: string | null }) => {
        if (event === 'close' && state.anchor !== null) throw new AnchorFound(state.anchor);
      }) as unknown as jsyaml.LoadOptions['listener'])
    : undefined;
  try {
    return {
      data: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file, ...(listener && { listener }) }),
    };
  } catch (error) {
    if (error instanceof AnchorFound) {
      const { line, column } = anchorPosition(text, error.anchor);
      return {
        error: {
          code: 'yaml-alias',
          line,
          column,
          message: `YAML anchor &${error.anchor}: anchors and aliases are not allowed in data files.`,
          hint: 'Write the value out in full where it is needed; data files never share nodes.',
        },
      };
    }
    if (!(error instanceof jsyaml.YAMLException)) throw error;
    const duplicate = /duplicated mapping key/.test(error.reason);
    const alias = /unidentified alias/.test(error.reason);
    return {
      error: {
        code: duplicate ? 'yaml-duplicate-key' : alias ? 'yaml-alias' : 'yaml-syntax',
        line: (error.mark?.line ?? 0) + 1,
        column: (error.mark?.column ?? 0) + 1,
        message: duplicate
          ? 'A key appears twice in the same mapping.'
          : alias
            ? 'A YAML alias (*name): aliases are not allowed in data files.'
            : `YAML syntax error: ${error.reason}.`,
        hint: duplicate
          ? 'Keep one of the two keys; YAML would silently drop the first.'
          : alias
            ? 'Write the value out in full; a plain value cannot start with "*" unless quoted.'
            : 'Check the indentation and quoting around this position (strings containing ": " or "#" need quotes).',
      },
    };
  }
}

/** Where the anchor `&name` is written: after a space, a line start or a flow indicator. */
function anchorPosition(text: string, anchor: string): { line: number; column: number } {
  const escaped = anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[\\s\\[{,])&${escaped}(?=[\\s\\]},]|$)`, 'm').exec(text);
  return match ? positionOfIndex(text, match.index + match[1]!.length) : { line: 1, column: 1 };
}

function lineHasTab(text: string, line: number): boolean {
  let start = 0;
  for (let n = 1; n < line; n++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return false;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? undefined : end).includes('\t');
}

/** The text of a source, read again from disk if validation dropped it. */
export function textOf(source: SourceFile): string {
  if (source.text === undefined) {
    const read = readDataFile(source.path, dirname(source.path), MAX_TOPICS_FILE_BYTES);
    source.text = 'problem' in read ? '' : decoder.decode(read.bytes).replace(/^\uFEFF/, '');
  }
  return source.text;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode's table of
 * well-formed byte sequences): no overlong forms, no surrogates (ED A0..BF), nothing past U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range depends on the first; the others are always 80..BF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, so decode the valid part of the line before the bad byte.
  return { line, column: new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1 };
}

export function positionOfIndex(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}
