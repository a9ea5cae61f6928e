import { readingOrders } from '../../reading-orders.js';
import type { DatasetRule } from '../../rule.js';

export const readingOrderComplete: DatasetRule = {
  code: 'reading-order-complete',
  description: "Every entry of a topic has a place in the topic's reading order.",
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    const orders = readingOrders(index);
    if (!orders) return;
    for (const entry of index.entries) {
      const digest = entry.digest;
      digest.topics?.forEach((topic, i) => {
        // A topic whose reading order failed the schema is not judged (lists says undefined).
        if (orders.lists(topic, entry) === false)
          report({
            at: { source: entry.source, path: ['topics', i] },
            message: `Entry is in topic "${topic}" but not in its reading order; it is listed after the others.`,
            hint: `Add "${digest.id}" to readingOrder of "${topic}" in topics.yaml where a reader should meet it.`,
          });
      });
    }
  },
};
