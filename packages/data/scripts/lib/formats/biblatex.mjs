// biblatex: the entries of dist/bibliography.biblatex.bib, for biber. The classic .bib bends every entry to
// what plain.bst can print; this one uses biblatex's own data model instead: `date` in ISO 8601, `journaltitle`,
// `eventtitle` and `venue`, `location`, `institution`, verbatim `doi`, `url` and `eprint`, `@online` for web
// pages, topics as `keywords`, and UTF-8 text (biber reads it natively and sorts it with the Unicode collation).
// Every field is one the datamodel allows for its entry type, so `biber --tool --validate-datamodel` has
// nothing to say but the date of an undated web page (test/biblatex.test.ts). The module runs this too
// (toBibLaTeX), so it imports nothing but its siblings.
import { bibName, bibRecord, percentEncodeUnsafe } from './bibentry.mjs';
import { primaryUrl } from './csl.mjs';
import { latexTitle, latexUtf8 } from './latex.mjs';

const FIELD_ORDER = [
  'entrysubtype',
  'author',
  'editor',
  'title',
  'journaltitle',
  'shortjournal',
  'booktitle',
  'eventtitle',
  'venue',
  'series',
  'volume',
  'number',
  'pages',
  'type',
  'institution',
  'organization',
  'publisher',
  'location',
  'howpublished',
  'date',
  'isbn',
  'doi',
  'eprint',
  'eprinttype',
  'url',
  'note',
  'keywords',
  'annotation',
];

/** Fields every entry type allows (biblatex's global entry fields). */
const EVERYWHERE = ['date', 'doi', 'eprint', 'eprinttype', 'url', 'keywords', 'annotation', 'entrysubtype'];

/**
 * Our types in biblatex: the entry type, the fields it must have (else the entry falls back to @misc, as
 * the classic writer does) and the fields it may have besides EVERYWHERE. From biber's default datamodel.
 */
const TYPES = {
  article: {
    requires: ['journaltitle'],
    allows: [
      'author',
      'editor',
      'title',
      'journaltitle',
      'shortjournal',
      'series',
      'volume',
      'number',
      'pages',
    ],
  },
  inproceedings: {
    requires: ['booktitle'],
    allows: [
      'author',
      'editor',
      'title',
      'booktitle',
      'eventtitle',
      'venue',
      'series',
      'volume',
      'number',
      'pages',
      'publisher',
      'location',
      'isbn',
    ],
  },
  // A contribution to an edited collection: biblatex requires the editors.
  incollection: {
    requires: ['booktitle', 'editor'],
    allows: [
      'author',
      'editor',
      'title',
      'booktitle',
      'series',
      'volume',
      'number',
      'pages',
      'publisher',
      'location',
      'isbn',
    ],
  },
  // A chapter of a book whose editors we do not know: a self-contained part of a book.
  inbook: {
    requires: ['booktitle'],
    allows: [
      'author',
      'editor',
      'title',
      'booktitle',
      'series',
      'volume',
      'number',
      'pages',
      'publisher',
      'location',
      'isbn',
    ],
  },
  book: {
    requires: [],
    allows: [
      'author',
      'editor',
      'title',
      'series',
      'volume',
      'number',
      'pages',
      'publisher',
      'location',
      'isbn',
    ],
  },
  report: {
    requires: ['institution'],
    allows: ['author', 'title', 'type', 'institution', 'number', 'pages', 'location'],
  },
  thesis: {
    requires: ['institution'],
    allows: ['author', 'title', 'type', 'institution', 'pages', 'location', 'note'],
  },
  online: { requires: ['url'], allows: ['author', 'editor', 'title', 'organization'] },
  software: { requires: [], allows: ['author', 'editor', 'title', 'howpublished', 'type', 'location'] },
  dataset: {
    requires: [],
    allows: ['author', 'editor', 'title', 'series', 'number', 'type', 'publisher', 'location'],
  },
  unpublished: {
    requires: [],
    allows: ['author', 'title', 'eventtitle', 'venue', 'howpublished', 'type', 'location'],
  },
  misc: { requires: [], allows: ['author', 'editor', 'title', 'howpublished', 'type', 'location'] },
};

const ENTRY_TYPE = {
  article: 'article',
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  'paper-conference': 'inproceedings',
  chapter: 'incollection',
  book: 'book',
  report: 'report',
  thesis: 'thesis',
  webpage: 'online',
  post: 'online',
  'post-weblog': 'online',
  software: 'software',
  dataset: 'dataset',
  manuscript: 'unpublished',
  speech: 'unpublished',
};

/** The type to try when an entry lacks what its own type requires, before @misc. */
const FALLBACK = { incollection: 'inbook' };

/** biblatex's subtypes of @article, which styles may print differently. */
const SUBTYPE = { 'article-magazine': 'magazine', 'article-newspaper': 'newspaper' };

/** One entry as biblatex text. */
export function biblatexEntry(entry) {
  const fields = biblatexFields(entry);
  const wanted = ENTRY_TYPE[entry.type] ?? 'misc';
  const type = [wanted, FALLBACK[wanted], 'misc'].find(
    (t) => t && TYPES[t].requires.every((f) => fields.has(f)),
  );
  if (type === 'misc' && entry.containerTitle) put(fields, 'howpublished', title(entry.containerTitle));
  const allowed = new Set([...EVERYWHERE, ...TYPES[type].allows]);
  for (const name of fields.keys()) if (!allowed.has(name)) fields.delete(name);
  return bibRecord(type, entry.id, fields, FIELD_ORDER);
}

const text = (value) => latexUtf8(value);
const title = (value) => latexTitle(value, latexUtf8);

function put(fields, name, value) {
  if (value !== undefined && value !== '') fields.set(name, `{${value}}`);
}

/** Every field the entry can fill; biblatexEntry keeps those its type allows. */
function biblatexFields(entry) {
  const fields = new Map();
  const set = (name, value) => put(fields, name, value);
  set('entrysubtype', SUBTYPE[entry.type]);
  set('author', entry.authors.map((person) => bibName(person, text)).join(' and '));
  if (entry.editors) set('editor', entry.editors.map((person) => bibName(person, text)).join(' and '));
  set('title', title(entry.title));
  const container = entry.containerTitle && title(entry.containerTitle);
  const short = entry.containerTitleShort && text(entry.containerTitleShort);
  if (entry.type.startsWith('article')) {
    set('journaltitle', container);
    set('shortjournal', short);
  } else if (entry.type === 'paper-conference') {
    set('booktitle', container);
    // The short venue name ("SOSP '03") is the closest thing we have to the event's own name.
    set('eventtitle', short);
  } else if (entry.type === 'chapter') set('booktitle', container);
  else if (entry.type === 'speech') set('eventtitle', container);
  else if (ENTRY_TYPE[entry.type] === 'online') set('organization', listItem(entry.containerTitle));
  set('venue', entry.eventPlace && text(entry.eventPlace));
  set('series', entry.collectionTitle && title(entry.collectionTitle));
  set('volume', entry.volume && text(entry.volume));
  // A journal's issue is biblatex's `number`; a report's or a series' number too.
  set('number', (entry.issue ?? entry.number) && text(entry.issue ?? entry.number));
  // A thesis has no number in biblatex; a report number it also carries goes in the note.
  if (entry.type === 'thesis') set('note', entry.number && text(entry.number));
  set('pages', entry.pages && text(entry.pages.replace('-', '--')));
  set('type', biblatexGenre(entry));
  if (entry.type === 'report' || entry.type === 'thesis') set('institution', listItem(entry.publisher));
  else set('publisher', listItem(entry.publisher));
  set('location', listItem(entry.publisherPlace));
  set('date', isoDate(entry));
  set('isbn', entry.isbn && text(entry.isbn));
  set('doi', entry.doi && percentEncodeUnsafe(entry.doi));
  const url = primaryUrl(entry);
  set('url', url && percentEncodeUnsafe(url));
  const eprint = arxivId(entry);
  set('eprint', eprint && percentEncodeUnsafe(eprint));
  set('eprinttype', eprint && 'arxiv');
  set('keywords', entry.topics.map(text).join(', '));
  set('annotation', text(entry.annotation));
  return fields;
}

/**
 * A value for one of biblatex's list fields (publisher, location, institution, organization), which split at
 * " and ": braced whole when it holds the word, so "Johnson and Johnson" stays one publisher.
 */
function listItem(value) {
  if (value === undefined) return undefined;
  return /\band\b/i.test(value) ? `{${text(value)}}` : text(value);
}

/**
 * `type` of a thesis or report: biblatex's localization keys for the usual kinds (printed as "PhD thesis",
 * "Tech. rep." in the document's language), the genre as written for anything else. Required for both.
 */
function biblatexGenre(entry) {
  const genre = entry.genre ?? '';
  if (entry.type === 'thesis') {
    if (/^master/i.test(genre)) return 'mathesis';
    if (genre === '' || /^(phd|doctoral)\b/i.test(genre)) return 'phdthesis';
    return text(genre);
  }
  if (entry.type === 'report')
    return genre === '' || /^technical report$/i.test(genre) ? 'techreport' : text(genre);
  return genre === '' ? undefined : text(genre);
}

/** YYYY, YYYY-MM or YYYY-MM-DD; undefined without a year (an undated web page). */
function isoDate(entry) {
  if (!Number.isInteger(entry.year)) return undefined;
  const pad = (n) => String(n).padStart(2, '0');
  const year = String(entry.year).padStart(4, '0');
  if (!Number.isInteger(entry.month)) return year;
  if (!Number.isInteger(entry.day)) return `${year}-${pad(entry.month)}`;
  return `${year}-${pad(entry.month)}-${pad(entry.day)}`;
}

/** An arXiv identifier from an arXiv URL or an arXiv DOI (10.48550/arXiv.<id>). */
const ARXIV_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/([^?#]+?)(?:v\d+)?(?:\.pdf)?$/i;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

function arxivId(entry) {
  for (const url of [entry.urls?.landing, entry.urls?.open, entry.urls?.archived]) {
    const match = url && ARXIV_URL.exec(url);
    if (match) return match[1];
  }
  return entry.doi && ARXIV_DOI.exec(entry.doi)?.[1];
}
