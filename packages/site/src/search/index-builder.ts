/** The search index, built at build time with MiniSearch and shipped as a static script. */
import MiniSearch from 'minisearch';
import { personName, shortAuthors, venue } from '../format.js';
import type { SiteModel } from '../model.js';
import { entryPath } from '../paths.js';
import { compactIndex, type SerializedIndex } from './compact.js';
import { FIELDS, processTerm, SEARCH_OPTIONS, STORE_FIELDS } from './options.js';

export interface SearchDocument {
  id: string;
  key: string;
  title: string;
  authors: string;
  venue: string;
  year: string;
  topics: string;
  annotation: string;
  by: string;
  /** The venue as lists show it (the short name when there is one). */
  where: string;
  type: string;
  topicIds: readonly string[];
  /** Only when the page is not at `entries/<id>.html` (an ID that needed escaping). */
  path?: string;
}

export function searchDocuments(model: SiteModel): SearchDocument[] {
  return model.entries.map((entry) => {
    const topics = model.topicsOf(entry);
    const path = entryPath(entry.id);
    return {
      id: entry.id,
      key: entry.id,
      title: entry.title,
      authors: entry.authors.map(personName).join('; '),
      venue: [entry.containerTitle, entry.containerTitleShort, entry.collectionTitle]
        .filter(Boolean)
        .join('; '),
      year: entry.year === undefined ? '' : String(entry.year),
      topics: topics.map((t) => `${t.title} ${t.id}`).join('; '),
      annotation: entry.annotation,
      by: shortAuthors(entry.authors),
      type: entry.type,
      topicIds: topics.map((t) => t.id),
      where: venue(entry) ?? '',
      ...(path === `entries/${entry.id}.html` ? {} : { path }),
    };
  });
}

/** The index as JSON, in the compact shape (compact.ts) that the page expands for MiniSearch.loadJS. */
export function buildSearchIndex(model: SiteModel): string {
  const search = new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    storeFields: [...STORE_FIELDS],
    processTerm,
  });
  search.addAll(searchDocuments(model));
  return JSON.stringify(compactIndex(search.toJSON() as unknown as SerializedIndex));
}

/**
 * The index as a classic script that hands the JSON to the page (`window.virtbibSearchIndex`). A script
 * rather than a .json file: fetch() is refused for pages opened from disk, a script tag is not. The JSON
 * goes in a single-quoted string for JSON.parse, which reads large data faster than an object literal.
 */
export function searchIndexScript(model: SiteModel): string {
  const json = buildSearchIndex(model);
  const literal = json.replace(/[\\'\u2028\u2029]/g, (c) =>
    c === '\\' ? '\\\\' : c === "'" ? "\\'" : c === '\u2028' ? '\\u2028' : '\\u2029',
  );
  const settings = `fields: ${JSON.stringify(FIELDS)}, storeFields: ${JSON.stringify(STORE_FIELDS)}, searchOptions: ${JSON.stringify(SEARCH_OPTIONS)}`;
  return `window.virtbibSearchIndex = {${settings}, json: '${literal}'};\n`;
}
