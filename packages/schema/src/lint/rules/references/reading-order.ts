import { readingOrders } from '../../reading-orders.js';
import type { DatasetRule } from '../../rule.js';

export const readingOrder: DatasetRule = {
  code: 'reading-order',
  description: "A topic's reading order lists existing entries of that topic.",
  fixable: false,
  scope: 'dataset',
  check(index, report, skip) {
    const topics = index.topics;
    const orders = readingOrders(index);
    if (!topics || !orders) return;
    topics.digest.topics.forEach((topic, t) => {
      const named = orders.named[t];
      topic.readingOrder?.forEach((id, i) => {
        const entry = named![i];
        // The common case, an entry of this topic, allocates nothing.
        if (entry?.digest.topics?.includes(topic.id)) return;
        const at = { source: topics.source, path: ['topics', topic.index, 'readingOrder', i] };
        if (!entry) {
          const file = index.unloaded.get(id);
          if (file) skip(at, id, file);
          else report({ at, message: `Entry "${id}" does not exist.`, hint: 'Remove it or fix the ID.' });
        } else if (!entry.digest.topics) {
          // The entry's topics failed the schema: whether it belongs here cannot be told.
          skip(at, id, entry.source.file);
        } else if (!entry.digest.topics.includes(topic.id)) {
          report({
            at,
            message: `Entry "${id}" is not in topic "${topic.id}".`,
            hint: `Add "${topic.id}" to the entry's topics, or remove it from this reading order.`,
          });
        }
      });
    });
  },
};
