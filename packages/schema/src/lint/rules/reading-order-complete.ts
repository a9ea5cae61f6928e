import { type Rule, validEntries } from '../rule.js';

export const readingOrderComplete: Rule = {
  code: 'reading-order-complete',
  description: "Every entry of a topic has a place in the topic's reading order.",
  fixable: false,
  check(dataset, report) {
    const topics = dataset.topics;
    if (!topics?.valid) return;
    const listed = new Map(topics.data.topics.map((t) => [t.id, new Set(t.readingOrder ?? [])]));
    for (const { source, entry } of validEntries(dataset)) {
      entry.topics.forEach((topic, i) => {
        if (listed.get(topic)?.has(entry.id) === false)
          report({
            at: { source, path: ['topics', i] },
            message: `Entry is in topic "${topic}" but not in its reading order; it is listed after the others.`,
            hint: `Add "${entry.id}" to readingOrder of "${topic}" in topics.yaml where a reader should meet it.`,
          });
      });
    }
  },
};
