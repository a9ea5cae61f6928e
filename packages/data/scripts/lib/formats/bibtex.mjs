// Classic BibTeX: the entries of dist/bibliography.bib. Our own writer rather than citation-js's: that one keys
// entries by author and year instead of our IDs, writes months as numbers, files an ACM publisher under
// `organization`, and gives web pages no `howpublished`. This one is checked by running `bibtex` with the plain
// style (test/bibtex.test.ts): no errors, no warnings. The module runs it too (toBibTeX), so it imports nothing
// but its siblings.
import { bibName, bibRecord, percentEncodeUnsafe } from './bibentry.mjs';
import { primaryUrl } from './csl.mjs';
import { latex, latexTitle } from './latex.mjs';

/** The order fields are written in: who, what, where, when, identifiers, then our annotation. */
const FIELD_ORDER = [
  'author',
  'editor',
  'title',
  'journal',
  'booktitle',
  'series',
  'volume',
  'number',
  'pages',
  'type',
  'school',
  'institution',
  'publisher',
  'address',
  'venue',
  'howpublished',
  'year',
  'month',
  'isbn',
  'doi',
  'url',
  'annote',
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The BibTeX entry type for an entry, and the fields plain.bst requires of it. An entry that lacks a
 * required field is written as @misc instead, which requires nothing, so bibtex never warns.
 */
const TYPES = {
  'article-journal': { type: 'article', requires: ['journal'] },
  'article-magazine': { type: 'article', requires: ['journal'] },
  'article-newspaper': { type: 'article', requires: ['journal'] },
  article: { type: 'article', requires: ['journal'] },
  'paper-conference': { type: 'inproceedings', requires: ['booktitle'] },
  chapter: { type: 'incollection', requires: ['booktitle', 'publisher'] },
  book: { type: 'book', requires: ['publisher'] },
  report: { type: 'techreport', requires: ['institution'] },
  thesis: { type: 'phdthesis', requires: ['school'] },
};

/** One entry as BibTeX text. */
export function bibtexEntry(entry) {
  const fields = bibtexFields(entry);
  const mapped = TYPES[entry.type];
  let type = mapped?.requires.every((f) => fields.has(f)) ? mapped.type : 'misc';
  if (type === 'phdthesis' && isMasters(entry.genre)) type = 'mastersthesis';
  if (type === 'misc') toMisc(entry, fields);
  trimForStyle(type, fields);
  return bibRecord(type, entry.id, fields, FIELD_ORDER);
}

/** Every field an entry can fill, braced and escaped, in the order people expect to read them. */
function bibtexFields(entry) {
  const fields = new Map();
  const put = (key, value) => {
    if (value !== undefined && value !== '') fields.set(key, `{${value}}`);
  };
  put('author', entry.authors.map(bibtexName).join(' and '));
  if (entry.editors) put('editor', entry.editors.map(bibtexName).join(' and '));
  put('title', latexTitle(entry.title));
  const container = entry.containerTitle && latexTitle(entry.containerTitle);
  if (entry.type === 'paper-conference' || entry.type === 'chapter') put('booktitle', container);
  else if (entry.type.startsWith('article')) put('journal', container);
  put('series', entry.collectionTitle && latexTitle(entry.collectionTitle));
  put('volume', entry.volume && latex(entry.volume));
  put('number', (entry.issue ?? entry.number) && latex(entry.issue ?? entry.number));
  put('pages', entry.pages && latex(entry.pages.replace('-', '--')));
  if (entry.type === 'thesis') put('school', entry.publisher && latex(entry.publisher));
  else if (entry.type === 'report') put('institution', entry.publisher && latex(entry.publisher));
  else put('publisher', entry.publisher && latex(entry.publisher));
  put('address', entry.publisherPlace && latex(entry.publisherPlace));
  // biblatex's field for where an event took place; plain.bst ignores it.
  put('venue', entry.eventPlace && latex(entry.eventPlace));
  put('type', bibtexGenre(entry));
  put('year', entry.year?.toString());
  if (MONTHS[entry.month - 1]) fields.set('month', MONTHS[entry.month - 1]);
  put('isbn', entry.isbn && latex(entry.isbn));
  // doi and url are verbatim fields (biblatex, \url): written as they are, only % and # escaped.
  put('doi', entry.doi && verbatim(entry.doi));
  put('url', primaryUrl(entry) && verbatim(primaryUrl(entry)));
  put('annote', latex(entry.annotation));
  return fields;
}

/** "Family, Given" in ASCII LaTeX. */
export function bibtexName(person) {
  return bibName(person, latex);
}

/** `type` overrides the words plain.bst prints for theses and reports; only set when it says something else. */
function bibtexGenre(entry) {
  if (!entry.genre) return undefined;
  if (entry.type === 'thesis' && /^(phd|doctoral)\b/i.test(entry.genre)) return undefined;
  if (entry.type === 'thesis' && isMasters(entry.genre) && /^master'?s thesis$/i.test(entry.genre))
    return undefined;
  if (entry.type === 'report' && /^technical report$/i.test(entry.genre)) return undefined;
  if (entry.type !== 'thesis' && entry.type !== 'report') return undefined;
  return latex(entry.genre);
}

function isMasters(genre) {
  return /^master/i.test(genre ?? '');
}

/** @misc: the venue and the link go in howpublished, the one place plain.bst prints them. */
function toMisc(entry, fields) {
  const parts = [];
  if (entry.containerTitle) parts.push(latexTitle(entry.containerTitle));
  const url = primaryUrl(entry);
  if (url) parts.push(`\\url{${verbatim(url)}}`);
  if (parts.length > 0) fields.set('howpublished', `{${parts.join('. ')}}`);
  for (const key of ['journal', 'booktitle', 'school', 'institution']) fields.delete(key);
}

/**
 * plain.bst warns about combinations it cannot print: a number without a series and both volume and number
 * in books and proceedings, and both author and editor in a book. Drop what the style cannot use.
 */
function trimForStyle(type, fields) {
  if (type === 'inproceedings' || type === 'book' || type === 'incollection') {
    if (fields.has('volume') || !fields.has('series')) fields.delete('number');
  }
  if (type === 'book') fields.delete('editor');
}

/**
 * A value for a verbatim field or \url: braces, spaces and control characters percent-encoded, then % and #
 * escaped, which \url needs inside another command's argument.
 */
function verbatim(value) {
  return percentEncodeUnsafe(value).replace(/[%#]/g, '\\$&');
}
