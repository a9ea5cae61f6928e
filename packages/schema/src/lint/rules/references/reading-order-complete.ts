import type { DatasetRule } from '../../rule.js';

export const readingOrderComplete: DatasetRule = {
  code: 'reading-order-complete',
  description: "Every entry of a topic has a place in the topic's reading order.",
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    const topics = index.topics;
    if (!topics) return;
    // A topic whose reading order failed the schema has no set here, and is not judged.
    const listed = new Map(
      topics.digest.topics.map((t) => [t.id, t.readingOrder && new Set(t.readingOrder)]),
    );
    for (const { source, digest } of index.entries) {
      digest.topics?.forEach((topic, i) => {
        const order = listed.get(topic);
        if (order && !order.has(digest.id))
          report({
            at: { source, path: ['topics', i] },
            message: `Entry is in topic "${topic}" but not in its reading order; it is listed after the others.`,
            hint: `Add "${digest.id}" to readingOrder of "${topic}" in topics.yaml where a reader should meet it.`,
          });
      });
    }
  },
};
