/**
 * What the site needs to cite an entry: the functions @virtbib/data exports for it. One ID or a list, in
 * the order given, as the text of a file of that format: each entry's text is byte for byte its record in
 * the published file. An unknown ID is a RangeError naming it.
 */
export interface Citations {
  toBibTeX(ids: string | readonly string[]): string;
  toRIS(ids: string | readonly string[]): string;
  /** A CSL-JSON array of the items, laid out as csl.json. */
  toCSL(ids: string | readonly string[]): string;
  /** The APA 7 reference, as plain text and as an HTML fragment. */
  cite(id: string): { readonly text: string; readonly html: string };
}
