import type { DatasetRule } from '../../rule.js';

export const topicExists: DatasetRule = {
  code: 'topic-exists',
  description: "An entry's topics are defined in topics.yaml.",
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    // Unless every topic of topics.yaml is known, a topic cannot be called undefined.
    if (!index.topics?.digest.complete) return;
    const known = new Set(index.topics.digest.topics.map((t) => t.id));
    for (const entry of index.entries) {
      entry.digest.topics?.forEach((topic, i) => {
        if (!known.has(topic))
          report({
            at: { source: entry.source, path: ['topics', i] },
            message: `Topic "${topic}" is not defined in topics.yaml.`,
            hint: `Use one of: ${[...known].join(', ')}.`,
          });
      });
    }
  },
};
