// The published text formats, each as "records of these entries, in this order". The build writes the files
// with these functions and the module's toBibTeX, toBibLaTeX, toRIS and toCSL are these functions, so a file and
// the function's answer for the same entries cannot differ (test/records.test.ts checks every entry).
import { biblatexEntry } from './biblatex.mjs';
import { bibtexEntry } from './bibtex.mjs';
import { cslRecord } from './csl.mjs';
import { risRecord } from './ris.mjs';

/** Classic BibTeX entries, a blank line between them. */
export function bibtexText(entries) {
  return entries.map(bibtexEntry).join('\n');
}

/** biblatex entries, a blank line between them. */
export function biblatexText(entries) {
  return entries.map(biblatexEntry).join('\n');
}

/** RIS records; each ends with its ER line and a blank line. */
export function risText(entries) {
  return entries.map(risRecord).join('');
}

/** A CSL-JSON document: the array of the entries' items, laid out as JSON.stringify(items, null, 2) does. */
export function cslText(entries) {
  return entries.length === 0 ? '[]\n' : `[\n${entries.map(cslRecord).join(',\n')}\n]\n`;
}
