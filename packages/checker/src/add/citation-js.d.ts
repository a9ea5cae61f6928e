// citation-js ships no type declarations; these cover the part `virtbib add` uses.
declare module '@citation-js/core' {
  export const Cite: { async(input: string): Promise<{ data: unknown[] }> };
}
declare module '@citation-js/plugin-bibtex';
