import type { Node, Pair, YAMLMap } from 'yaml';
import { yamlLib } from '../yaml/yaml-lib.js';

export type JsonPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export type Locator = (path: JsonPath, target?: 'key' | 'value') => Position;

/**
 * Parses YAML text once, keeping positions, and returns a function that finds where a value (or its key)
 * stands. A path that does not exist (a missing required field) resolves to the nearest ancestor that does.
 * Files are parsed this way only when they have findings, and once whatever their number.
 */
export function createLocator(text: string): Locator {
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const root = doc.contents as Node | null;
  return (path, target = 'value') => {
    let node: Node | null = root;
    let keyNode: Node | null = null;
    for (const step of path) {
      if (isMap(node)) {
        const pair = pairOf(node, String(step));
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
    const { line, col } = lineCounter.linePos(chosen?.range?.[0] ?? 0);
    return { line, column: col };
  };
}

// Large mappings get a key index, so that many findings in one mapping do not each scan all its keys.
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const { isPair, isScalar } = yamlLib();
  if (map.items.length < 16)
    return map.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items)
      if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value)))
        index.set(String(item.key.value), item);
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

let last: { text: string; locator: Locator } | undefined;

/**
 * Finds where a value stands in YAML text. Callers that locate many paths in one text one call at a time
 * (the link checker, one call per URL) pay for one parse: the last text's locator is kept.
 */
export function locate(text: string, path: JsonPath, target: 'key' | 'value' = 'value'): Position {
  if (last?.text !== text) last = { text, locator: createLocator(text) };
  return last.locator(path, target);
}
