import type { Document, Node } from 'yaml';
import { type FileKind, keyOrderAt, type Shape, shapeOf } from '../checking/schema-order.js';
import type { JsonPath } from '../diagnostics/locate.js';
import { yamlLib } from './yaml-lib.js';

/** Options of the canonical YAML layout. Changing them reformats every file: treat it as a data change. */
const STRINGIFY = {
  indent: 2,
  indentSeq: true,
  lineWidth: 100,
  minContentWidth: 40,
  flowCollectionPadding: false,
} as const;

export interface OrderProblem {
  /** Path of the first key that is out of canonical order. */
  path: JsonPath;
  expectedBefore: string;
}

/**
 * Checks key order on already-parsed data (cheap: no second parse), mapping by mapping, against the
 * order of the schema's `properties`. Unknown keys are the schema's business, so they are ignored here.
 */
export function findOrderProblem(kind: FileKind, data: unknown): OrderProblem | undefined {
  const found = walkOrder(shapeOf(kind), data);
  if (!found) return undefined;
  // The path was collected from the problem upwards.
  return { path: found.reversed.reverse(), expectedBefore: found.expectedBefore };
}

function walkOrder(
  shape: Shape,
  data: unknown,
): { reversed: (string | number)[]; expectedBefore: string } | undefined {
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const item: unknown = data[i];
      if (item && typeof item === 'object') {
        const found = walkOrder(shape.items(), item);
        if (found) {
          found.reversed.push(i);
          return found;
        }
      }
    }
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const ranks = shape.ranks;
  if (ranks) {
    let last = -1;
    let lastKey = '';
    for (const key in record) {
      const rank = ranks.get(key);
      if (rank === undefined) continue;
      if (rank < last) return { reversed: [key], expectedBefore: lastKey };
      last = rank;
      lastKey = key;
    }
  }
  for (const key in record) {
    // Only mappings and sequences have an order to check; scalars are skipped.
    const value = record[key];
    if (value && typeof value === 'object') {
      const found = walkOrder(shape.child(key), value);
      if (found) {
        found.reversed.push(key);
        return found;
      }
    }
  }
  return undefined;
}

export interface LayoutProblem {
  line: number;
  column: number;
  message: string;
}

/** Text-level layout rules of the canonical format: LF, no trailing blanks, one final newline, 2-space steps. */
export function findLayoutProblem(text: string): LayoutProblem | undefined {
  // Fast path: one regular expression pass rules out every problem for the common, clean file.
  if (!/[ \t\r]$|^(?: {2})* \S/m.test(text) && text.endsWith('\n') && !text.endsWith('\n\n'))
    return undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\r')) return { line: i + 1, column: line.length, message: 'CRLF line ending' };
    const trimmed = line.trimEnd();
    if (trimmed.length !== line.length) {
      return { line: i + 1, column: trimmed.length + 1, message: 'trailing whitespace' };
    }
    const indent = line.length - line.trimStart().length;
    if (indent % 2 === 1 && !isInsideBlockScalar(lines, i)) {
      return { line: i + 1, column: 1, message: 'indentation is not a multiple of two spaces' };
    }
  }
  if (!text.endsWith('\n') || text.endsWith('\n\n')) {
    return { line: lines.length, column: 1, message: 'the file must end with exactly one newline' };
  }
  return undefined;
}

function isInsideBlockScalar(lines: readonly string[], index: number): boolean {
  // Folded and literal scalars may hold text at any indentation; look back for the header that opened one.
  const indent = lines[index]!.length - lines[index]!.trimStart().length;
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const own = line.length - line.trimStart().length;
    if (own < indent) return /[|>][-+0-9]*\s*$/.test(line);
  }
  return false;
}

function reorder(kind: FileKind, node: Node | null | undefined, path: JsonPath): void {
  const { isMap, isSeq } = yamlLib();
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      reorder(kind, item as Node, [...path, i]);
    });
    return;
  }
  if (!isMap(node)) return;
  const order = keyOrderAt(kind, path);
  if (order) {
    const rank = (key: unknown) => {
      const r = order.indexOf(String((key as { value?: unknown })?.value ?? key));
      return r === -1 ? order.length : r;
    };
    // A stable sort keeps unknown keys where they were relative to each other, after the known ones.
    node.items.sort((a, b) => rank(a.key) - rank(b.key));
  }
  for (const pair of node.items) {
    const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
    reorder(kind, pair.value as Node, [...path, key]);
  }
}

/**
 * Rewrites YAML text in the canonical format: keys in schema order, the canonical layout, comments kept.
 * `edit` may change the document first (fixers use it); the result is parsed again, so a fix can never
 * produce text that does not parse.
 */
export function formatYaml(kind: FileKind, text: string, edit?: (doc: Document) => void): string {
  const doc = yamlLib().parseDocument(text.replace(/^\uFEFF/, ''), { keepSourceTokens: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  edit?.(doc);
  reorder(kind, doc.contents as Node, []);
  const out = doc
    .toString(STRINGIFY)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  return `${out.replace(/\n+$/, '')}\n`;
}

/** Writes data (an entry made by a program, say) as YAML in the canonical format. */
export function toCanonicalYaml(kind: FileKind, data: unknown): string {
  return formatYaml(kind, yamlLib().stringify(data, { ...STRINGIFY }));
}
