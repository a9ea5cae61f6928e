import { type Rule, validEntries } from '../rule.js';

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

export const duplicateTitle: Rule = {
  code: 'duplicate-title',
  description:
    'No two entries have the same normalized title and year, unless they relate to each other as versions.',
  fixable: false,
  check(dataset, report) {
    const entries = validEntries(dataset);
    const related = new Set<string>();
    for (const { entry } of entries) for (const r of entry.related ?? []) related.add(`${entry.id} ${r.id}`);
    const first = new Map<string, string>();
    for (const { source, entry } of entries) {
      const key = `${normalizeTitle(entry.title)}|${entry.year ?? ''}`;
      const other = first.get(key);
      if (other === undefined) first.set(key, entry.id);
      else if (!related.has(`${entry.id} ${other}`) && !related.has(`${other} ${entry.id}`))
        report({
          at: { source, path: ['title'] },
          message: `Same title and year as entry "${other}".`,
          hint: 'If both are versions of one work (conference and journal), relate them under `related`; otherwise merge them.',
        });
    }
  },
};
