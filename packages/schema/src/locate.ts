import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

export type JsonPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a value (or its key) stands in YAML text. Only files that have findings are parsed this way,
 * so the cost of a position-keeping parse is paid per finding, not per file. A path that does not exist
 * (a missing required field) resolves to the nearest ancestor that does.
 */
export function locate(text: string, path: JsonPath, target: 'key' | 'value' = 'value'): Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  let node: Node | null = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step),
      );
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      if (!node) {
        node = keyNode;
        break;
      }
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      keyNode = null;
      node = node.items[step] as Node;
    } else {
      break;
    }
  }
  const chosen = target === 'key' && keyNode ? keyNode : node;
  const offset = chosen?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
