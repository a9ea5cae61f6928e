import { has } from '../dataset-index.js';
import type { DatasetRule } from '../rule.js';

/** Case, accents, punctuation and spacing do not make two titles different. */
export function normalizeTitle(title: string): string {
  // Most titles are ASCII: skip Unicode normalization for them, it is the expensive part.
  if (/^[\x20-\x7e]*$/.test(title)) {
    return title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const duplicateTitle: DatasetRule = {
  code: 'duplicate-title',
  description:
    'No two entries have the same normalized title and year, unless they relate to each other as versions.',
  fixable: false,
  scope: 'dataset',
  check(index, report) {
    // An entry whose year or relations failed the schema cannot be compared fairly.
    const entries = index.entries.filter(
      ({ digest }) => digest.title !== undefined && has(digest, 'year') && has(digest, 'related'),
    );
    const related = new Set<string>();
    for (const { digest } of entries)
      for (const r of digest.related ?? []) related.add(`${digest.id} ${r.id}`);
    const first = new Map<string, string>();
    for (const { source, digest } of entries) {
      const key = `${normalizeTitle(digest.title!)}|${digest.year ?? ''}`;
      const other = first.get(key);
      if (other === undefined) first.set(key, digest.id);
      else if (!related.has(`${digest.id} ${other}`) && !related.has(`${other} ${digest.id}`))
        report({
          at: { source, path: ['title'] },
          message: `Same title and year as entry "${other}".`,
          hint: 'If both are versions of one work (conference and journal), relate them under `related`; otherwise merge them.',
        });
    }
  },
};
