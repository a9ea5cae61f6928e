import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import jsyaml from 'js-yaml';
import type { Diagnostic } from './diagnostic.js';
import { findLayoutProblem, type LayoutProblem } from './format.js';

/** Larger files are refused unread: no entry or note is anywhere near this size. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** topics.yaml lists every entry ID once, so it grows with the dataset: 16 MiB holds about 500k IDs. */
export const MAX_TOPICS_FILE_BYTES = 16 * 1024 * 1024;

export interface SourceFile {
  /** Absolute path on disk. */
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
}

// ignoreBOM keeps a byte-order mark in the text, so that it can be reported rather than silently dropped.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads one YAML file and reports what stops it being read: size, encoding, a BOM, tabs, YAML syntax and
 * duplicate keys. js-yaml does the parsing because it is about ten times faster than the `yaml` package
 * on small documents; `yaml` is used only where comments or positions matter (locate, format).
 */
export function readSource(path: string, file: string, limit = MAX_FILE_BYTES): ReadResult {
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, line: number, column: number, message: string, hint: string) =>
    diagnostics.push({ code, severity: 'error', file, line, column, message, hint });

  const bytes = readLimited(path, limit);
  if (typeof bytes === 'number') {
    report(
      'file-too-large',
      0,
      0,
      `File is ${bytes} bytes; the limit is ${limit} bytes.`,
      'An entry is a few kilobytes: check that this is the file you meant to add, or split it.',
    );
    return { diagnostics };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, offset);
    report(
      'encoding',
      line,
      column,
      `Byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at offset ${offset} is not valid UTF-8.`,
      'Save the file as UTF-8 (without a byte-order mark).',
    );
    return { diagnostics };
  }
  const hasBom = text.charCodeAt(0) === 0xfeff;
  if (hasBom) {
    text = text.slice(1);
    report('bom', 1, 1, 'File starts with a byte-order mark.', 'Run `virtbib fmt` to remove it.');
  }
  const tab = text.indexOf('\t');
  if (tab !== -1) {
    const { line, column } = positionOfIndex(text, tab);
    report(
      'no-tabs',
      line,
      column,
      'Tab character: YAML indentation must use spaces, and the canonical format has no tabs anywhere.',
      'Replace each tab with spaces (two per indentation level).',
    );
  }
  let data: unknown;
  try {
    // An empty file parses to undefined; make it null so the schema reports it instead of skipping it.
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file }) ?? null;
  } catch (error) {
    if (!(error instanceof jsyaml.YAMLException)) throw error;
    const duplicate = /duplicated mapping key/.test(error.reason);
    report(
      duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
      (error.mark?.line ?? 0) + 1,
      (error.mark?.column ?? 0) + 1,
      duplicate ? 'A key appears twice in the same mapping.' : `YAML syntax error: ${error.reason}.`,
      duplicate
        ? 'Keep one of the two keys; YAML would silently drop the first.'
        : 'Check the indentation and quoting around this position (strings containing ": " or "#" need quotes).',
    );
    return { diagnostics, source: { path, file, text, data: undefined, hasBom } };
  }
  const layout = findLayoutProblem(text);
  return { source: { path, file, text, data, hasBom, ...(layout && { layout }) }, diagnostics };
}

/** The text of a source, read again from disk if validation dropped it. */
export function textOf(source: SourceFile): string {
  if (source.text === undefined) {
    const bytes = readLimited(source.path, MAX_TOPICS_FILE_BYTES);
    source.text = typeof bytes === 'number' ? '' : decoder.decode(bytes).replace(/^\uFEFF/, '');
  }
  return source.text;
}

/**
 * Reads a whole file unless it is larger than the limit, in which case only its size is returned.
 * One open and one fstat: validating 100k files is dominated by system calls, so none is spent twice.
 */
function readLimited(path: string, limit: number): Buffer | number {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > limit) return size;
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === size ? buffer : buffer.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
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
