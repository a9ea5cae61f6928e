import type { DatasetIndex, IndexedEntry } from './dataset-index.js';

/**
 * The reading orders of topics.yaml resolved against the index, once, for the two rules that read them:
 * reading-order (does each ID name an entry of the topic?) and reading-order-complete (is each entry of a
 * topic in its order?). Resolving 100k IDs is one Map lookup each; building a set of each order again for
 * the second rule cost as much as the rule itself.
 */
export interface ReadingOrders {
  /** By topic (as in the topics digest) and place in its order: the entry the ID names, if any. */
  named: readonly (readonly (IndexedEntry | undefined)[] | undefined)[];
  /**
   * Whether the reading order of the topic `topicId` lists `entry`'s ID; undefined when no order can say:
   * the topic is unknown or its order failed the schema. Of topics sharing an ID, the last one counts.
   */
  lists(topicId: string, entry: IndexedEntry): boolean | undefined;
}

const resolved = new WeakMap<DatasetIndex, ReadingOrders>();

/** The index's reading orders, resolved the first time a rule asks; undefined without topics. */
export function readingOrders(index: DatasetIndex): ReadingOrders | undefined {
  if (!index.topics) return undefined;
  let orders = resolved.get(index);
  if (!orders) {
    orders = resolve(index);
    resolved.set(index, orders);
  }
  return orders;
}

function resolve(index: DatasetIndex): ReadingOrders {
  const topics = index.topics!.digest.topics;
  const words = (index.entries.length + 31) >>> 5;
  // For each topic, a bit per entry (by its place in index.entries): set when the order lists the entry's
  // ID. An ID that several entries share marks the first of them, which stands for all (see lists).
  const marks: (Uint32Array | undefined)[] = [];
  const named = topics.map((topic, t) => {
    if (!topic.readingOrder) return undefined;
    const bits = new Uint32Array(words);
    marks[t] = bits;
    return topic.readingOrder.map((id) => {
      const entry = index.byId.get(id);
      if (entry) bits[entry.position >>> 5]! |= 1 << (entry.position & 31);
      return entry;
    });
  });
  // Built in order, so the last of topics sharing an ID is the one kept.
  const topicAt = new Map(topics.map((topic, t) => [topic.id, t]));
  return {
    named,
    lists(topicId, entry) {
      const t = topicAt.get(topicId);
      const bits = t === undefined ? undefined : marks[t];
      if (!bits) return undefined;
      const id = entry.digest.id;
      const first = index.repeatedIds.has(id) ? index.byId.get(id)! : entry;
      return (bits[first.position >>> 5]! & (1 << (first.position & 31))) !== 0;
    },
  };
}
