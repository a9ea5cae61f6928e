// The declarations of the module's exports, appended by scripts/lib/module/module.mjs to the data types it
// generates from the published schema (types.mjs): EntryId, TopicId, Dataset, PublishedEntry, Person... This
// file declares only what no schema describes, the values and functions, and names no other package.

/** An entry named in another entry's `related` list, with the relation stated there. */
export interface RelatedEntry {
  readonly relation: Relation;
  readonly entry: PublishedEntry;
}

/** The whole bibliography, as in bibliography.json. Deeply frozen: copy (structuredClone) before editing. */
export declare const dataset: Dataset;
/** Every entry, sorted by ID. */
export declare const entries: Dataset['entries'];
/** Every topic, in reading order. */
export declare const topics: Dataset['topics'];
/** The structured notes. */
export declare const notes: Dataset['notes'];
/** The version of the data package this module was built for. */
export declare const version: string;

/** The entry with this ID; undefined for an ID of no entry. Throws a TypeError for a non-string. */
export declare function getEntry(id: EntryId): PublishedEntry;
export declare function getEntry(id: string): PublishedEntry | undefined;
/** The topic with this ID; undefined for an ID of no topic. Throws a TypeError for a non-string. */
export declare function getTopic(id: TopicId): PublishedTopic;
export declare function getTopic(id: string): PublishedTopic | undefined;
/** The note with this ID, or undefined. Throws a TypeError for a non-string. */
export declare function getNote(id: string): Note | undefined;
/** The entries of a topic in reading order; an empty array for an unknown topic. */
export declare function entriesByTopic(topicId: TopicId): readonly PublishedEntry[];
export declare function entriesByTopic(topicId: string): readonly PublishedEntry[];
/** The entries an entry names in `related`, in its order, each with its relation; [] for an unknown ID. */
export declare function relatedEntries(id: EntryId): readonly RelatedEntry[];
export declare function relatedEntries(id: string): readonly RelatedEntry[];
/** The entries published in a year, sorted by ID. Throws a TypeError unless the year is an integer. */
export declare function entriesByYear(year: number): readonly PublishedEntry[];
/** The entry with this DOI (or alternate DOI), however it is written: URL, "doi:" prefix, any case. */
export declare function findByDoi(doi: string): PublishedEntry | undefined;
/** A DOI in the form the dataset stores: no resolver or "doi:" prefix, lowercase. Not a validity check. */
export declare function normalizeDoi(doi: string): string;

// Each function below is declared twice, for EntryId and for string: the first gives editors the IDs to
// complete (a union with string would swallow them), the second accepts any string.

/** The pre-rendered APA citation of an entry. A RangeError names an unknown ID. */
export declare function cite(id: EntryId): Citation;
export declare function cite(id: string): Citation;
/**
 * Classic BibTeX for one entry or a list, in the order given: exactly the entries of bibliography.bib,
 * separated by a blank line. A RangeError names the first unknown ID.
 */
export declare function toBibTeX(ids: EntryId | readonly EntryId[]): string;
export declare function toBibTeX(ids: string | readonly string[]): string;
/** biblatex (for biber) for one entry or a list: exactly the entries of bibliography.biblatex.bib. */
export declare function toBibLaTeX(ids: EntryId | readonly EntryId[]): string;
export declare function toBibLaTeX(ids: string | readonly string[]): string;
/** RIS for one entry or a list: exactly the records of bibliography.ris, each ending in a blank line. */
export declare function toRIS(ids: EntryId | readonly EntryId[]): string;
export declare function toRIS(ids: string | readonly string[]): string;
/** A CSL-JSON document (an array) of one entry or a list, laid out exactly as csl.json. */
export declare function toCSL(ids: EntryId | readonly EntryId[]): string;
export declare function toCSL(ids: string | readonly string[]): string;
