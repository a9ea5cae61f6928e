import type { Entry, Person } from '@virtbib/schema';
import { normalizeDoi } from '@virtbib/schema';
import { plainText } from './markup.js';

/** A CSL-JSON item as registration agencies and citation-js produce it; only the fields we read. */
export interface CslItem {
  type?: string;
  title?: string | string[];
  author?: { family?: string; given?: string; literal?: string; name?: string }[];
  issued?: { 'date-parts'?: (number | string)[][] };
  'published-print'?: { 'date-parts'?: (number | string)[][] };
  'published-online'?: { 'date-parts'?: (number | string)[][] };
  'container-title'?: string | string[];
  'container-title-short'?: string | string[];
  'short-container-title'?: string | string[];
  'collection-title'?: string | string[];
  volume?: string | number;
  issue?: string | number;
  page?: string | number;
  number?: string | number;
  genre?: string;
  publisher?: string;
  'publisher-place'?: string;
  'event-place'?: string;
  DOI?: string;
  ISBN?: string | string[];
  URL?: string;
}

/**
 * Crossref's own work types, which some agencies still put in CSL-JSON, mapped to CSL types; CSL types
 * pass through.
 */
const TYPES: Record<string, Entry['type']> = {
  'journal-article': 'article-journal',
  'proceedings-article': 'paper-conference',
  'book-chapter': 'chapter',
  'posted-content': 'article',
  dissertation: 'thesis',
  monograph: 'book',
  'edited-book': 'book',
  'reference-book': 'book',
  'report-component': 'report',
};
const CSL_TYPES = new Set<string>([
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'book',
  'chapter',
  'dataset',
  'manuscript',
  'paper-conference',
  'post',
  'post-weblog',
  'report',
  'software',
  'speech',
  'standard',
  'thesis',
  'webpage',
]);

export function mapType(type: string | undefined): Entry['type'] {
  if (!type) return 'article';
  // Own keys only: a record whose type is "constructor" must not reach Object.prototype.
  if (Object.hasOwn(TYPES, type)) return TYPES[type]!;
  return CSL_TYPES.has(type) ? (type as Entry['type']) : 'article';
}

/** The dates an item carries (issued, then print, then online publication), each as [year, month?, day?]. */
export function cslDates(item: CslItem): number[][] {
  const dates: number[][] = [];
  for (const field of ['issued', 'published-print', 'published-online'] as const) {
    const parts = item[field]?.['date-parts']?.[0]?.map(Number).filter(Number.isFinite);
    if (parts && parts.length > 0) dates.push(parts);
  }
  return dates;
}

export interface MappedEntry {
  /** The entry without the fields a person must supply (id, topics, annotation). */
  fields: Omit<Entry, 'id' | 'topics' | 'annotation' | 'provenance'>;
  /** What stops the record making an entry: a missing title, authors or year. */
  problems: string[];
  /** What was changed or left out on the way, for the person to check. */
  warnings: string[];
}

/**
 * Maps a CSL-JSON item (already read by `readCslItem`, so every field has its CSL shape) to the authoring
 * format. Whatever is missing is listed, never invented; markup in text (Crossref's `<i>`, `<sub>`,
 * entities) becomes plain text, and markup that may carry meaning (MathML) is named in the warnings.
 */
export function cslToEntry(item: CslItem): MappedEntry {
  const problems: string[] = [];
  const warnings: string[] = [];
  const text = (field: string, value: string | number | string[] | undefined): string | undefined => {
    const raw = Array.isArray(value) ? value[0] : value;
    if (raw === undefined) return undefined;
    const { text: clean, flagged } = plainText(String(raw));
    if (flagged.length > 0)
      warnings.push(
        `the ${field} held markup (${flagged.map((t) => `<${t}>`).join(', ')}) that was removed; check that it reads "${clean}"`,
      );
    return clean || undefined;
  };
  const person = (raw: NonNullable<CslItem['author']>[number]): Person | undefined => {
    const family = text('author name', raw.family);
    const given = text('author name', raw.given);
    if (family) return given ? { family, given } : { family };
    const literal = text('author name', raw.literal ?? raw.name);
    return literal ? { literal } : undefined;
  };

  const title = text('title', item.title);
  if (!title) problems.push('the record has no title');
  const authors = (item.author ?? []).map(person).filter((p): p is Person => p !== undefined);
  if (authors.length === 0) problems.push('the record has no authors');
  const [year, month] = cslDates(item)[0] ?? [];
  if (year === undefined) problems.push('the record has no publication year');
  const doi = item.DOI ? normalizeDoi(item.DOI) : undefined;
  let landing = doi ? `https://doi.org/${doi}` : undefined;
  if (!landing && item.URL) {
    // The record's own link is written into the entry and later requested: only a web address will do.
    if (/^https?:\/\/[^\s/]/i.test(item.URL)) landing = item.URL;
    else warnings.push(`the record's URL "${item.URL}" is not an http(s) address and was left out`);
  }
  const fields: MappedEntry['fields'] = {
    type: mapType(item.type),
    title: title ?? '',
    authors: authors as [Person, ...Person[]],
    ...(year !== undefined && { year }),
    ...(month !== undefined && month >= 1 && month <= 12 && { month }),
    ...optional('containerTitle', text('container title', item['container-title'])),
    ...optional(
      'containerTitleShort',
      text('short container title', item['container-title-short'] ?? item['short-container-title']),
    ),
    ...optional('collectionTitle', text('collection title', item['collection-title'])),
    ...optional('volume', text('volume', item.volume)),
    ...optional('issue', text('issue', item.issue)),
    ...optional(
      'pages',
      text('pages', item.page)
        ?.replace(/[\u2013\u2014]|--/g, '-')
        .replace(/\s+/g, ''),
    ),
    ...optional('number', text('number', item.number)),
    ...optional('genre', text('genre', item.genre)),
    ...optional('publisher', text('publisher', item.publisher)),
    ...optional('publisherPlace', text('publisher place', item['publisher-place'])),
    ...optional('eventPlace', text('event place', item['event-place'])),
    ...optional('doi', doi),
    ...optional('isbn', text('ISBN', item.ISBN)),
    ...(landing && { urls: { landing } }),
  };
  return { fields, problems, warnings: [...new Set(warnings)] };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}
