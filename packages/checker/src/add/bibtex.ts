import type { CslItem } from './csl-to-entry.js';

/**
 * Parses BibTeX with citation-js (its BibTeX plugin handles LaTeX accents, braces and month macros,
 * which a hand-written parser would get wrong) and returns CSL-JSON items.
 */
export async function parseBibtex(text: string): Promise<CslItem[]> {
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  const cite = await Cite.async(text);
  return cite.data as CslItem[];
}
