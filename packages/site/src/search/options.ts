/**
 * What the search indexes and how, shared by the index built here and the script that loads it in the
 * browser: the same fields, the same stored fields and the same term processing, or the index cannot be
 * read back.
 */

/** Indexed: what a person may type. `key` is the citation key, so pasting one finds its entry. */
export const FIELDS = ['title', 'authors', 'venue', 'year', 'topics', 'annotation', 'key'] as const;

/** Stored with each result, for showing it and for the filters, without loading the entry. */
export const STORE_FIELDS = ['title', 'by', 'year', 'where', 'type', 'topicIds', 'path'] as const;

/**
 * Lowercase without diacritics, so that "andres" finds "Andrés"; the commonest English words are left out
 * (null), because nearly every entry has them: they would cost about a tenth of the index and narrow
 * nothing. The browser gets this very function (its source is written into the search script at build
 * time), so it must stay self-contained, and both sides treat terms alike.
 */
export function processTerm(term: string): string | null {
  const folded = term
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const common =
    /^(?:a|an|and|are|as|at|be|but|by|for|from|has|have|how|in|into|is|it|its|not|of|on|or|so|than|that|the|their|them|then|there|these|they|this|those|to|was|we|were|what|when|where|which|while|who|why|will|with|without|you)$/;
  return common.test(folded) ? null : folded;
}

/** What a search asks for: prefixes (results as you type), small typos, every word (AND), titles first. */
export const SEARCH_OPTIONS = {
  prefix: true,
  fuzzy: 0.2,
  combineWith: 'AND',
  boost: { title: 3, key: 3, authors: 2, venue: 1.5, year: 1.5 },
} as const;
