// citation-js ships no type declarations; these cover the part `virtbib add` uses.
declare module '@citation-js/core' {
  export const plugins: {
    input: { chain(input: unknown, options: { target: string; generateGraph?: boolean }): unknown[] };
  };
}
declare module '@citation-js/plugin-bibtex';
