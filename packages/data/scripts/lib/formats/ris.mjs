// RIS: the records of dist/bibliography.ris. Our own writer rather than citation-js's: that one wraps values
// at 70 characters with a newline (importers rejoin the pieces with a space, so long titles come back broken),
// gives conference papers no PY, and writes page ranges as one SP. Tags follow the RIS specification as
// Zotero, EndNote and Mendeley read it: TY first, ER last, one "TAG  - value" per line, CRLF line ends. The
// module runs this too (toRIS), so it imports nothing but its siblings.
import { primaryUrl } from './csl.mjs';

const TY = {
  article: 'JOUR',
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  book: 'BOOK',
  chapter: 'CHAP',
  dataset: 'DATA',
  manuscript: 'UNPB',
  'paper-conference': 'CONF',
  post: 'BLOG',
  'post-weblog': 'BLOG',
  report: 'RPRT',
  software: 'COMP',
  speech: 'SLIDE',
  standard: 'STAND',
  thesis: 'THES',
  webpage: 'ELEC',
};

/** The RIS type of an entry (GEN, "generic", for anything without a better one). */
export function risType(type) {
  return TY[type] ?? 'GEN';
}

/** One record. */
export function risRecord(entry) {
  const ty = risType(entry.type);
  const lines = [];
  const tag = (name, value) => {
    const line = value === undefined ? '' : oneLine(String(value));
    if (line !== '') lines.push(`${name}  - ${line}`);
  };
  tag('TY', ty);
  tag('ID', entry.id);
  tag('TI', entry.title);
  for (const person of entry.authors) tag('AU', risName(person));
  // Editors of a book are A3 in the specification; of a part of something (paper, chapter), A2.
  for (const person of entry.editors ?? []) tag(ty === 'BOOK' ? 'A3' : 'A2', risName(person));
  tag('PY', entry.year);
  if (entry.year !== undefined) tag('DA', risDate(entry));
  // T2 is the journal, proceedings or site (for a book, its series); for conference papers C3 names the
  // proceedings as well, and T3 is the series of anything but a book.
  if (ty === 'BOOK') tag('T2', entry.collectionTitle);
  else {
    tag('T2', entry.containerTitle);
    if (ty === 'CONF') tag('C3', entry.containerTitle);
    tag('T3', entry.collectionTitle);
  }
  tag('J2', entry.containerTitleShort);
  tag('VL', entry.volume);
  tag('IS', entry.issue);
  const [start, end] = (entry.pages ?? '').split('-');
  tag('SP', start);
  tag('EP', end);
  // Report numbers go in SN for reports (as Zotero reads them); other numbers in M1.
  if (ty === 'RPRT') tag('SN', entry.number);
  else tag('M1', entry.number);
  tag('M3', entry.genre);
  tag('PB', entry.publisher);
  // For CONF the specification (and Zotero) read CY as the conference location and C1 as the place of
  // publication; for every other type CY is the place of publication.
  if (ty === 'CONF') {
    tag('CY', entry.eventPlace);
    tag('C1', entry.publisherPlace);
  } else tag('CY', entry.publisherPlace);
  if (ty !== 'RPRT') tag('SN', entry.isbn);
  tag('DO', entry.doi);
  tag('UR', primaryUrl(entry));
  if (entry.alternateDois) tag('N1', `Also registered as DOI ${entry.alternateDois.join(', ')}.`);
  tag('N1', entry.annotation);
  lines.push('ER  - ');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** "Family, Given" as RIS wants it; organizations as written. */
export function risName(person) {
  if ('literal' in person) return person.literal;
  return person.given === undefined ? person.family : `${person.family}, ${person.given}`;
}

/** YYYY/MM/DD/ with unknown parts left empty, as in the specification's DA tag. */
function risDate(entry) {
  const pad = (n) => (n === undefined ? '' : String(n).padStart(2, '0'));
  return `${entry.year}/${pad(entry.month)}/${entry.month === undefined ? '' : pad(entry.day)}/`;
}

/**
 * Anything some reader takes for the end of a line or of a record: whitespace other than the space, every
 * C0 and C1 control (U+001C-U+001E are "separators" to Python's splitlines, U+0085 is NEL), DEL, and the
 * Unicode line and paragraph separators (in \s).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const BREAKS = /[\s\u0000-\u001F\u007F-\u009F]+/g;

/**
 * A value on one line: RIS has no continuation lines that every reader understands, and a line break in a
 * value would let the data write tags of its own (a forged "ER  - " ends the record early).
 */
export function oneLine(value) {
  return value.replace(BREAKS, ' ').trim();
}
