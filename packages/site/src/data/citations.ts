/**
 * What the site needs to cite an entry: the functions @virtbib/data exports for it (issue 11). One ID or
 * a list, in the order given, as the text of a file of that format: each entry's text is byte for byte its
 * record in the published file (BibTeX records separated by a blank line, RIS records each ending with
 * one, CSL-JSON an array laid out as csl.json). An unknown ID is a RangeError naming it.
 */
export interface Citations {
  toBibTeX(ids: string | readonly string[]): string;
  toRIS(ids: string | readonly string[]): string;
  /** A CSL-JSON array of the items. */
  toCSL(ids: string | readonly string[]): string;
  /** The APA 7 reference, as plain text and as an HTML fragment. */
  cite(id: string): { readonly text: string; readonly html: string };
}
