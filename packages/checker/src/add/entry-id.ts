/** Words that never make a good citation-key word. */
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'and',
  'to',
  'with',
  'from',
  'at',
  'by',
  'is',
]);

function ascii(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The project's citation-key convention: first author's family name (ASCII letters only), the year, and
 * the first significant title word — `barham2003xen`. Without a year the year is left out.
 */
export function conventionalId(familyName: string, year: number | undefined, title: string): string {
  const family = ascii(familyName).replace(/[^a-z]/g, '') || 'anon';
  const word =
    ascii(title)
      .split(/[^a-z0-9]+/)
      .find((w) => w.length > 0 && !STOPWORDS.has(w)) ?? 'untitled';
  return `${family}${year ?? ''}${word}`;
}

/** The conventional ID, with `-2`, `-3`... appended while it is taken (IDs are never reused). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
