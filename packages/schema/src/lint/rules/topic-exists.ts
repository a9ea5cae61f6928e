import { type Rule, validEntries } from '../rule.js';

export const topicExists: Rule = {
  code: 'topic-exists',
  description: "An entry's topics are defined in topics.yaml.",
  fixable: false,
  check(dataset, report) {
    if (!dataset.topics?.valid) return;
    const known = new Set(dataset.topics.data.topics.map((t) => t.id));
    for (const { source, entry } of validEntries(dataset)) {
      entry.topics.forEach((topic, i) => {
        if (!known.has(topic))
          report({
            at: { source, path: ['topics', i] },
            message: `Topic "${topic}" is not defined in topics.yaml.`,
            hint: `Use one of: ${[...known].join(', ')}.`,
          });
      });
    }
  },
};
