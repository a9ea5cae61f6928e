/**
 * A smaller shape for the serialized MiniSearch index, and the way back. MiniSearch writes each posting as
 * `"<document number>": <term frequency>` in an object per term and field: at 5,000 entries that is most of
 * the index, about 860 kB gzipped. Here a posting list is the gaps between document numbers (small numbers
 * that repeat, which gzip packs tightly) and the frequencies only when one is not 1; the per-document tables
 * are arrays, since documents are numbered from 0 in order. The browser expands it back to exactly what
 * `MiniSearch.loadJS` reads, so the search itself is MiniSearch's, unchanged.
 */

/** What MiniSearch's toJSON() gives (serialization version 2), as far as this module touches it. */
export interface SerializedIndex {
  documentCount: number;
  nextId: number;
  documentIds: Record<string, unknown>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, unknown>;
  averageFieldLength: number[];
  storedFields: Record<string, unknown>;
  dirtCount: number;
  index: [string, Record<string, Record<string, number>>][];
  serializationVersion: number;
}

/** A posting list: the field's number, the gaps between document numbers, and the frequencies if any is not 1. */
export type CompactPostings = [number, number[]] | [number, number[], number[]];

export interface CompactIndex
  extends Omit<SerializedIndex, 'documentIds' | 'fieldLength' | 'storedFields' | 'index'> {
  documentIds: unknown[];
  fieldLength: unknown[];
  storedFields: unknown[];
  index: [string, ...CompactPostings[]][];
}

/** Built documents are numbered 0..n-1; anything else cannot be an array, and is a bug to hear about. */
function asArray(table: Record<string, unknown>, count: number, what: string): unknown[] {
  const keys = Object.keys(table);
  const list: unknown[] = new Array(count).fill(null);
  for (const key of keys) {
    const at = Number(key);
    if (!Number.isInteger(at) || at < 0 || at >= count || String(at) !== key)
      throw new Error(`search index: ${what} has a document number "${key}" outside 0..${count - 1}`);
    list[at] = table[key];
  }
  return list;
}

export function compactIndex(index: SerializedIndex): CompactIndex {
  if (index.serializationVersion !== 2 || index.dirtCount !== 0)
    throw new Error('search index: expected a fresh MiniSearch index of serialization version 2');
  const count = index.nextId;
  return {
    ...index,
    documentIds: asArray(index.documentIds, count, 'documentIds'),
    fieldLength: asArray(index.fieldLength, count, 'fieldLength'),
    storedFields: asArray(index.storedFields, count, 'storedFields'),
    index: index.index.map(([term, fields]) => [
      term,
      ...Object.keys(fields).map((field): CompactPostings => {
        const postings = fields[field]!;
        const ids = Object.keys(postings)
          .map(Number)
          .sort((a, b) => a - b);
        let previous = 0;
        const gaps = ids.map((id) => {
          const gap = id - previous;
          previous = id;
          return gap;
        });
        const frequencies = ids.map((id) => postings[id]!);
        return frequencies.every((f) => f === 1) ? [Number(field), gaps] : [Number(field), gaps, frequencies];
      }),
    ]),
  };
}

/**
 * The way back, run in the browser: its source is written into the search script at build time, so it must
 * stay self-contained (no imports, no helpers outside it).
 */
export function expandIndex(compact: CompactIndex): SerializedIndex {
  const table = (list: unknown[]) => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < list.length; i++) if (list[i] !== null) object[i] = list[i];
    return object;
  };
  const index: SerializedIndex['index'] = [];
  for (const [term, ...lists] of compact.index) {
    const fields: Record<string, Record<string, number>> = {};
    for (const [field, gaps, frequencies] of lists) {
      const postings: Record<string, number> = {};
      let id = 0;
      for (let i = 0; i < gaps.length; i++) {
        id += gaps[i]!;
        postings[id] = frequencies ? frequencies[i]! : 1;
      }
      fields[field] = postings;
    }
    index.push([term, fields]);
  }
  return {
    ...compact,
    documentIds: table(compact.documentIds),
    fieldLength: table(compact.fieldLength),
    storedFields: table(compact.storedFields),
    index,
  };
}
