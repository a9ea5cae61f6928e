// The published text formats, each a record writer and the way its records join into a file. The build
// writes the files with these and the module's toBibTeX, toBibLaTeX, toRIS and toCSL are these, so a file and
// the function's answer for the same entries cannot differ (test/records.test.ts checks every entry).
import { biblatexEntry } from './biblatex.mjs';
import { bibtexEntry } from './bibtex.mjs';
import { cslRecord } from './csl.mjs';
import { risRecord } from './ris.mjs';

/** BibTeX entries are separated by a blank line; RIS records end with their own. */
const joinBib = (records) => records.join('\n');
const joinRis = (records) => records.join('');
/** A CSL-JSON document: the array of the items, laid out as JSON.stringify(items, null, 2) does. */
const joinCsl = (records) => (records.length === 0 ? '[]\n' : `[\n${records.join(',\n')}\n]\n`);

export const FORMATS = {
  bibtex: { record: bibtexEntry, join: joinBib },
  biblatex: { record: biblatexEntry, join: joinBib },
  ris: { record: risRecord, join: joinRis },
  csl: { record: cslRecord, join: joinCsl },
};

/** Classic BibTeX entries, a blank line between them. */
export const bibtexText = (entries) => joinBib(entries.map(bibtexEntry));
/** biblatex entries, a blank line between them. */
export const biblatexText = (entries) => joinBib(entries.map(biblatexEntry));
/** RIS records; each ends with its ER line and a blank line. */
export const risText = (entries) => joinRis(entries.map(risRecord));
/** A CSL-JSON document of the entries' items. */
export const cslText = (entries) => joinCsl(entries.map(cslRecord));
