import { type Rule, validEntries } from '../rule.js';

export const readingOrder: Rule = {
  code: 'reading-order',
  description: "A topic's reading order lists existing entries of that topic.",
  fixable: false,
  check(dataset, report) {
    const topics = dataset.topics;
    if (!topics?.valid) return;
    const byId = new Map(validEntries(dataset).map((e) => [e.entry.id, e.entry]));
    topics.data.topics.forEach((topic, t) => {
      topic.readingOrder?.forEach((id, i) => {
        const entry = byId.get(id);
        if (entry?.topics.includes(topic.id)) return;
        const at = { source: topics.source, path: ['topics', t, 'readingOrder', i] };
        if (!entry)
          report({ at, message: `Entry "${id}" does not exist.`, hint: 'Remove it or fix the ID.' });
        else if (!entry.topics.includes(topic.id))
          report({
            at,
            message: `Entry "${id}" is not in topic "${topic.id}".`,
            hint: `Add "${topic.id}" to the entry's topics, or remove it from this reading order.`,
          });
      });
    });
  },
};
