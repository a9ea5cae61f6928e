// Types of @virtbib/data, copied into dist/index.d.mts and dist/index.d.cts by scripts/lib/module.mjs.
// Self-contained on purpose: the data package has no dependencies, not even for types. The interfaces are
// copies of packages/schema/src/types.generated.ts; test/types.ts fails when they drift apart.

/** A person, or an organization as `literal`. */
export type Person =
  | {
      family: string;
      given?: string;
    }
  | {
      /** An organization. */
      literal: string;
    };

/** How another entry relates to this one. */
export type Relation =
  | 'conference-version'
  | 'journal-version'
  | 'extended-version'
  | 'follow-up'
  | 'prior-work'
  | 'thesis-version'
  | 'same-project';

/** Fields that could not be verified against a source. */
export type UnverifiedField =
  | 'title'
  | 'authors'
  | 'year'
  | 'month'
  | 'containerTitle'
  | 'volume'
  | 'issue'
  | 'pages'
  | 'publisher'
  | 'doi'
  | 'alternateDois'
  | 'isbn'
  | 'urls.landing'
  | 'urls.open'
  | 'number';

/** An entry as published: the authored fields plus pre-rendered citations. */
export interface PublishedEntry {
  /** Stable citation key, equal to the file name. Never reused once published. */
  id: string;
  /** CSL item type. */
  type:
    | 'article'
    | 'article-journal'
    | 'article-magazine'
    | 'article-newspaper'
    | 'book'
    | 'chapter'
    | 'dataset'
    | 'manuscript'
    | 'paper-conference'
    | 'post'
    | 'post-weblog'
    | 'report'
    | 'software'
    | 'speech'
    | 'standard'
    | 'thesis'
    | 'webpage';
  /** Title exactly as published. */
  title: string;
  /** Authors in published order. */
  authors: [Person, ...Person[]];
  editors?: [Person, ...Person[]];
  /** Year of publication (absent only for undated web pages). */
  year?: number;
  month?: number;
  day?: number;
  /** Full name of the proceedings, journal or site. */
  containerTitle?: string;
  /** Short venue name such as "SOSP '03". */
  containerTitleShort?: string;
  collectionTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  /** Report or series number. */
  number?: string;
  /** Kind of thesis or report. */
  genre?: string;
  publisher?: string;
  publisherPlace?: string;
  eventPlace?: string;
  /** DOI, lowercase, without a resolver prefix. */
  doi?: string;
  /** Other DOIs registered for the same publication. */
  alternateDois?: [string, ...string[]];
  isbn?: string;
  urls?: {
    /** The publisher's or venue's page for the work. */
    landing?: string;
    /** An open-access copy. */
    open?: string;
    /** An archived snapshot of a dead link. */
    archived?: string;
  };
  /** Topic IDs. */
  topics: [string, ...string[]];
  /** Why to read it and what it introduced, in our own words. */
  annotation: string;
  related?: [{ id: string; relation: Relation }, ...{ id: string; relation: Relation }[]];
  provenance: {
    /** Where the entry came from: the seed bibliography, the mobile notes, or a contribution. */
    source: 'seed' | 'mobile-notes' | 'contributed';
    /** How the source list cited the work. */
    seedText?: string;
    /** Records the facts were checked against. */
    verifiedWith?: string[];
    /** Where the source list was wrong, and the fix. */
    corrections?: [
      { field: string; was: string; now: string; evidence?: string },
      ...{ field: string; was: string; now: string; evidence?: string }[],
    ];
  };
  /** Fields that could not be verified against a source. */
  unverified?: [UnverifiedField, ...UnverifiedField[]];
  /** Citations rendered at build time, so consumers need no citation library. */
  citations?: {
    apa: {
      /** Plain text. */
      text: string;
      /** An HTML fragment: italics as <i>, DOI and URL as links, & < > escaped. */
      html: string;
    };
  };
}

export interface PublishedTopic {
  id: string;
  title: string;
  description: string;
  /** Every entry of the topic, in reading order. */
  entries: string[];
}

/** A structured note. */
export interface Note {
  id: string;
  title: string;
  summary: string;
  sections: [NoteSection, ...NoteSection[]];
}

export interface NoteSection {
  id: string;
  title: string;
  items: [NoteItem, ...NoteItem[]];
}

export interface NoteItem {
  id: string;
  title: string;
  text: string;
  /** Entry IDs that support this item. */
  entries: [string, ...string[]];
}

/** The whole bibliography as one document (bibliography.json). */
export interface Dataset {
  name: '@virtbib/data';
  /** The data package version this file was built for. */
  version: string;
  license: string;
  /** All entries, sorted by ID. */
  entries: PublishedEntry[];
  /** Topics in reading order. */
  topics: PublishedTopic[];
  notes: Note[];
}

/** An entry named in another entry's `related` list, with the relation stated there. */
export interface RelatedEntry {
  relation: Relation;
  entry: PublishedEntry;
}

/** The whole bibliography, as in bibliography.json. Deeply frozen: copy (structuredClone) before editing. */
export declare const dataset: Dataset;
/** Every entry, sorted by ID. */
export declare const entries: readonly PublishedEntry[];
/** Every topic, in reading order. */
export declare const topics: readonly PublishedTopic[];
/** The structured notes. */
export declare const notes: readonly Note[];
/** The version of the data package this module was built for. */
export declare const version: string;

/** The entry with this ID, or undefined. */
export declare function getEntry(id: string): PublishedEntry | undefined;
/** The topic with this ID, or undefined. */
export declare function getTopic(id: string): PublishedTopic | undefined;
/** The note with this ID, or undefined. */
export declare function getNote(id: string): Note | undefined;
/** The entries of a topic in reading order; an empty array for an unknown topic. */
export declare function entriesByTopic(topicId: string): PublishedEntry[];
/** The entries an entry names in `related`, in its order, each with the relation it states. */
export declare function relatedEntries(id: string): RelatedEntry[];
/** The entries published in a year, sorted by ID. */
export declare function entriesByYear(year: number): PublishedEntry[];
/** The entry with this DOI (or alternate DOI), however it is written: URL, "doi:" prefix, any case. */
export declare function findByDoi(doi: string): PublishedEntry | undefined;
/** A DOI in the form the dataset stores: no resolver or "doi:" prefix, lowercase. */
export declare function normalizeDoi(doi: string): string;
