// citation-js ships no type declarations: the little of its API the tests use.
declare module '@citation-js/core' {
  export interface CslItem {
    id: string;
    type?: string;
    title?: string;
    author?: { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string }[];
    issued?: { 'date-parts'?: (string | number)[][] };
    DOI?: string;
    [key: string]: unknown;
  }
  export class Cite {
    constructor(data: unknown);
    data: CslItem[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    output: { format(name: string, data: unknown, options?: Record<string, unknown>): string };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
