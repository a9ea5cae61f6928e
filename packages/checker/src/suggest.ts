/**
 * "Did you mean" for mistyped names (flags, commands, topic IDs). The edit distance is the optimal string
 * alignment variant of Damerau-Levenshtein, so that a swapped pair of letters (`--fromat`) counts as one
 * typo. A dozen lines: a dependency would weigh more than it saves.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  return rows[a.length]![b.length]!;
}

/**
 * The candidates close enough to `word` to be what was meant, closest first: within one edit for short
 * words and about one edit in three letters for longer ones, or a candidate that starts with the word.
 */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= limit || (word.length >= 3 && name.startsWith(word))) scored.push({ name, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .slice(0, max)
    .map((s) => s.name);
}

/** `; did you mean "x"?` (or "x" or "y"), or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>, quote = (s: string) => s): string {
  const found = closest(word, candidates).map(quote);
  if (found.length === 0) return '';
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} or ${found.at(-1)}`;
  return `; did you mean ${list}?`;
}
