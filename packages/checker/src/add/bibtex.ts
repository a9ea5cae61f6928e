import type { CslItem } from './csl-to-entry.js';

export interface BibtexRecord {
  item: CslItem;
  /** The record the BibTeX came from, as DBLP names it in `biburl`: evidence for provenance.verifiedWith. */
  biburl?: string;
}

/**
 * Parses BibTeX with citation-js (its BibTeX plugin handles LaTeX accents, braces and month macros, which
 * a hand-written parser would get wrong) and returns CSL-JSON items. It goes in two steps, BibTeX to the
 * plugin's entry list and that list to CSL-JSON, because the CSL mapping drops fields CSL has no place
 * for, such as DBLP's `biburl`.
 */
export async function parseBibtex(text: string): Promise<BibtexRecord[]> {
  const { plugins } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  const options = { generateGraph: false };
  const entries = plugins.input.chain(text, { ...options, target: '@biblatex/entries+list' }) as {
    properties?: Record<string, unknown>;
  }[];
  return entries.map((entry) => {
    const [item] = plugins.input.chain([entry], { ...options, target: '@csl/list+object' }) as CslItem[];
    const biburl = entry.properties?.biburl;
    return {
      item: item ?? {},
      ...(typeof biburl === 'string' && biburl.trim() !== '' && { biburl: biburl.trim() }),
    };
  });
}
