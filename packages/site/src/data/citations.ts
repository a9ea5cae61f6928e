/**
 * What the site needs to cite an entry: the functions @virtbib/data exports for it (issue 11). One ID or
 * a list, in the order given; an unknown ID is a RangeError naming it.
 */
export interface Citations {
  toBibTeX(ids: string | readonly string[]): string;
  toRIS(ids: string | readonly string[]): string;
  /** A CSL-JSON array of the items. */
  toCSL(ids: string | readonly string[]): string;
  /** The APA 7 reference, as plain text and as an HTML fragment. */
  cite(id: string): { readonly text: string; readonly html: string };
}
