import type { Entry } from '@virtbib/schema';
import { normalizeTitle } from '@virtbib/schema';
import { type CslItem, cslDates } from '../add/csl-to-entry.js';

/**
 * Two titles match when their word sets overlap this much (Dice coefficient on normalized words).
 * 0.8 absorbs what registries change — case, punctuation, accents, "and" for "&", a word of subtitle on
 * a long title — while two different papers, even on the same subject, fall well below it. That is the
 * error that matters: the DOI of a neighbouring paper in the same proceedings.
 */
export const TITLE_SIMILARITY_THRESHOLD = 0.8;

export interface FieldMismatch {
  field: 'title' | 'year' | 'author';
  /** The entry's value. */
  entry: string;
  registry: string;
  /** Which entry, when a DOI is cited by several. */
  id?: string;
  /** That entry's file, as reports show it. */
  file?: string;
}

export function titleSimilarity(a: string, b: string): number {
  const tokens = (s: string) => new Set(normalizeTitle(s).split(' ').filter(Boolean));
  const x = tokens(a);
  const y = tokens(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return (2 * shared) / (x.size + y.size);
}

function familyKey(name: string | undefined): string {
  return normalizeTitle(name ?? '').replace(/ /g, '');
}

/** Compares an entry with the registry's metadata for its DOI; an empty list means they agree. */
export function compareWithRegistry(entry: Entry, item: CslItem): FieldMismatch[] {
  const mismatches: FieldMismatch[] = [];
  const registryTitle = (Array.isArray(item.title) ? item.title[0] : item.title) ?? '';
  if (titleSimilarity(entry.title, registryTitle) < TITLE_SIMILARITY_THRESHOLD) {
    mismatches.push({ field: 'title', entry: entry.title, registry: registryTitle });
  }
  const years = cslDates(item).map((parts) => parts[0]!);
  if (entry.year !== undefined && years.length > 0 && !years.includes(entry.year)) {
    mismatches.push({ field: 'year', entry: String(entry.year), registry: years.join(' or ') });
  }
  const ours = entry.authors[0];
  const theirs = item.author?.[0];
  if (ours && theirs) {
    const a = 'family' in ours ? ours.family : ours.literal;
    const b = theirs.family ?? theirs.literal ?? theirs.name ?? '';
    if (familyKey(a) !== familyKey(b)) mismatches.push({ field: 'author', entry: a, registry: b });
  }
  return mismatches;
}
