import type { Entry, Person } from '@virtbib/schema';
import { normalizeDoi } from '@virtbib/schema';

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
  page?: string;
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
  if (TYPES[type]) return TYPES[type];
  return CSL_TYPES.has(type) ? (type as Entry['type']) : 'article';
}

const first = (value: string | string[] | undefined): string | undefined => {
  const text = Array.isArray(value) ? value[0] : value;
  const clean = text?.replace(/\s+/g, ' ').trim();
  return clean ? clean : undefined;
};

/** The dates an item carries (issued, then print, then online publication), each as [year, month?, day?]. */
export function cslDates(item: CslItem): number[][] {
  const dates: number[][] = [];
  for (const field of ['issued', 'published-print', 'published-online'] as const) {
    const parts = item[field]?.['date-parts']?.[0]?.map(Number).filter(Number.isFinite);
    if (parts && parts.length > 0) dates.push(parts);
  }
  return dates;
}

function person(raw: NonNullable<CslItem['author']>[number]): Person | undefined {
  if (raw.family)
    return raw.given ? { family: raw.family.trim(), given: raw.given.trim() } : { family: raw.family.trim() };
  const literal = raw.literal ?? raw.name;
  return literal ? { literal: literal.trim() } : undefined;
}

export interface MappedEntry {
  /** The entry without the fields a person must supply (id, topics, annotation). */
  fields: Omit<Entry, 'id' | 'topics' | 'annotation' | 'provenance'>;
  problems: string[];
}

/** Maps a CSL-JSON item to the authoring format; whatever is missing is listed, never invented. */
export function cslToEntry(item: CslItem): MappedEntry {
  const problems: string[] = [];
  const title = first(item.title);
  if (!title) problems.push('the record has no title');
  const authors = (item.author ?? []).map(person).filter((p): p is Person => p !== undefined);
  if (authors.length === 0) problems.push('the record has no authors');
  const [year, month] = cslDates(item)[0] ?? [];
  if (year === undefined) problems.push('the record has no publication year');
  const isbn = first(item.ISBN);
  const doi = item.DOI ? normalizeDoi(item.DOI) : undefined;
  const fields: MappedEntry['fields'] = {
    type: mapType(item.type),
    title: title ?? '',
    authors: authors as [Person, ...Person[]],
    ...(year !== undefined && { year }),
    ...(month !== undefined && month >= 1 && month <= 12 && { month }),
    ...optional('containerTitle', first(item['container-title'])),
    ...optional(
      'containerTitleShort',
      first(item['container-title-short']) ?? first(item['short-container-title']),
    ),
    ...optional('collectionTitle', first(item['collection-title'])),
    ...optional('volume', item.volume === undefined ? undefined : String(item.volume)),
    ...optional('issue', item.issue === undefined ? undefined : String(item.issue)),
    ...optional('pages', item.page?.replace(/[\u2013\u2014]|--/g, '-').replace(/\s+/g, '')),
    ...optional('number', item.number === undefined ? undefined : String(item.number)),
    ...optional('genre', item.genre),
    ...optional('publisher', item.publisher),
    ...optional('publisherPlace', item['publisher-place']),
    ...optional('eventPlace', item['event-place']),
    ...optional('doi', doi),
    ...optional('isbn', isbn),
    ...(doi
      ? { urls: { landing: `https://doi.org/${doi}` } }
      : item.URL
        ? { urls: { landing: item.URL } }
        : {}),
  };
  return { fields, problems };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}
