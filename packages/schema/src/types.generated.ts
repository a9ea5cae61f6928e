// Generated from packages/schema/schemas by `npm run generate -w @virtbib/schema`. Do not edit.
// A test fails when this file drifts from the schemas.

/**
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "Person".
 */
export type Person =
  | {
      family: string;
      given?: string;
    }
  | {
      /**
       * An organization.
       */
      literal: string;
    };

export interface VirtbibSchemas {
  entry?: Entry;
  topicsFile?: TopicsFile;
  note?: Note;
  dataset?: Dataset;
}
/**
 * One bibliography entry as authored in packages/data/entries/<id>.yaml.
 *
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "Entry".
 */
export interface Entry {
  /**
   * Stable citation key, equal to the file name. Never reused once published.
   */
  id: string;
  /**
   * CSL item type.
   */
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
  /**
   * False for works that were not peer reviewed: talks, documentation, white papers, web pages. Absent means the venue reviewed the work.
   */
  peerReviewed?: boolean;
  /**
   * Title exactly as published.
   */
  title: string;
  /**
   * Authors in published order.
   *
   * @minItems 1
   */
  authors: [Person, ...Person[]];
  /**
   * @minItems 1
   */
  editors?: [Person, ...Person[]];
  /**
   * Year of publication.
   */
  year?: number;
  month?: number;
  day?: number;
  /**
   * Full name of the proceedings, journal or site.
   */
  containerTitle?: string;
  /**
   * Short venue name such as "SOSP '03".
   */
  containerTitleShort?: string;
  collectionTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  /**
   * Report or series number.
   */
  number?: string;
  /**
   * Kind of thesis or report.
   */
  genre?: string;
  publisher?: string;
  publisherPlace?: string;
  eventPlace?: string;
  /**
   * DOI, lowercase, without a resolver prefix.
   */
  doi?: string;
  /**
   * Other DOIs registered for the same publication.
   *
   * @minItems 1
   */
  alternateDois?: [string, ...string[]];
  isbn?: string;
  urls?: {
    /**
     * The publisher's or venue's page for the work.
     */
    landing?: string;
    /**
     * An open-access copy.
     */
    open?: string;
    /**
     * An archived snapshot of a dead link.
     */
    archived?: string;
  };
  /**
   * Topic IDs from topics.yaml.
   *
   * @minItems 1
   */
  topics: [string, ...string[]];
  /**
   * Why to read it and what it introduced, in our own words.
   */
  annotation: string;
  /**
   * @minItems 1
   */
  related?: [
    {
      id: string;
      relation:
        | 'conference-version'
        | 'journal-version'
        | 'extended-version'
        | 'follow-up'
        | 'prior-work'
        | 'thesis-version'
        | 'same-project';
    },
    ...{
      id: string;
      relation:
        | 'conference-version'
        | 'journal-version'
        | 'extended-version'
        | 'follow-up'
        | 'prior-work'
        | 'thesis-version'
        | 'same-project';
    }[]
  ];
  provenance: {
    /**
     * Where the entry came from: the seed bibliography, the mobile notes, or a contribution.
     */
    source: 'seed' | 'mobile-notes' | 'contributed';
    /**
     * How the source list cited the work.
     */
    seedText?: string;
    /**
     * Records the facts were checked against.
     */
    verifiedWith?: string[];
    /**
     * What a reader of the record should know that no field says, such as which version a DOI belongs to.
     */
    note?: string;
    /**
     * Where the source list was wrong, and the fix.
     *
     * @minItems 1
     */
    corrections?: [
      {
        field: string;
        was: string;
        now: string;
        evidence?: string;
      },
      ...{
        field: string;
        was: string;
        now: string;
        evidence?: string;
      }[]
    ];
    /**
     * Why the fields listed in `unverified` could not be settled: what was checked, and what is missing.
     */
    unverifiedReason?: string;
    /**
     * Lint warnings that stay on purpose, each with the reason. A waiver that no longer matches a warning is itself reported.
     *
     * @minItems 1
     */
    waivers?: [
      {
        /**
         * The code of a warning-level rule.
         */
        rule: string;
        reason: string;
      },
      ...{
        /**
         * The code of a warning-level rule.
         */
        rule: string;
        reason: string;
      }[]
    ];
  };
  /**
   * Fields that could not be verified against a source.
   *
   * @minItems 1
   */
  unverified?: [
    (
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
      | 'number'
    ),
    ...(
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
      | 'number'
    )[]
  ];
  /**
   * The date the entry joined virtbib (YYYY-MM-DD), for the list of newest additions.
   */
  added?: string;
}
/**
 * packages/data/topics.yaml: the topics in the order they are read, each with its reading order.
 *
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "TopicsFile".
 */
export interface TopicsFile {
  /**
   * @minItems 1
   */
  topics: [Topic, ...Topic[]];
}
/**
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "Topic".
 */
export interface Topic {
  id: string;
  title: string;
  description: string;
  /**
   * Entry IDs in the order to read them; entries of the topic not listed follow, oldest first.
   */
  readingOrder?: string[];
}
/**
 * A structured note, such as packages/data/notes/mobile-virtualization.yaml.
 *
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "Note".
 */
export interface Note {
  id: string;
  title: string;
  summary: string;
  /**
   * @minItems 1
   */
  sections: [
    {
      id: string;
      title: string;
      /**
       * @minItems 1
       */
      items: [
        {
          id: string;
          title: string;
          text: string;
          /**
           * Entry IDs that support this item.
           *
           * @minItems 1
           */
          entries: [string, ...string[]];
        },
        ...{
          id: string;
          title: string;
          text: string;
          /**
           * Entry IDs that support this item.
           *
           * @minItems 1
           */
          entries: [string, ...string[]];
        }[]
      ];
    },
    ...{
      id: string;
      title: string;
      /**
       * @minItems 1
       */
      items: [
        {
          id: string;
          title: string;
          text: string;
          /**
           * Entry IDs that support this item.
           *
           * @minItems 1
           */
          entries: [string, ...string[]];
        },
        ...{
          id: string;
          title: string;
          text: string;
          /**
           * Entry IDs that support this item.
           *
           * @minItems 1
           */
          entries: [string, ...string[]];
        }[]
      ];
    }[]
  ];
}
/**
 * dist/bibliography.json of @virtbib/data: the whole bibliography as one document.
 *
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "Dataset".
 */
export interface Dataset {
  name: '@virtbib/data';
  /**
   * The data package version this file was built for.
   */
  version: string;
  license: string;
  /**
   * All entries, sorted by ID.
   */
  entries: PublishedEntry[];
  /**
   * Topics in reading order.
   */
  topics: PublishedTopic[];
  notes: Note[];
}
/**
 * An entry as published: the authored fields plus pre-rendered citations.
 *
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "PublishedEntry".
 */
export interface PublishedEntry {
  /**
   * Stable citation key, equal to the file name. Never reused once published.
   */
  id: string;
  /**
   * CSL item type.
   */
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
  /**
   * False for works that were not peer reviewed: talks, documentation, white papers, web pages. Absent means the venue reviewed the work.
   */
  peerReviewed?: boolean;
  /**
   * Title exactly as published.
   */
  title: string;
  /**
   * Authors in published order.
   *
   * @minItems 1
   */
  authors: [Person, ...Person[]];
  /**
   * @minItems 1
   */
  editors?: [Person, ...Person[]];
  /**
   * Year of publication.
   */
  year?: number;
  month?: number;
  day?: number;
  /**
   * Full name of the proceedings, journal or site.
   */
  containerTitle?: string;
  /**
   * Short venue name such as "SOSP '03".
   */
  containerTitleShort?: string;
  collectionTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  /**
   * Report or series number.
   */
  number?: string;
  /**
   * Kind of thesis or report.
   */
  genre?: string;
  publisher?: string;
  publisherPlace?: string;
  eventPlace?: string;
  /**
   * DOI, lowercase, without a resolver prefix.
   */
  doi?: string;
  /**
   * Other DOIs registered for the same publication.
   *
   * @minItems 1
   */
  alternateDois?: [string, ...string[]];
  isbn?: string;
  urls?: {
    /**
     * The publisher's or venue's page for the work.
     */
    landing?: string;
    /**
     * An open-access copy.
     */
    open?: string;
    /**
     * An archived snapshot of a dead link.
     */
    archived?: string;
  };
  /**
   * Topic IDs from topics.yaml.
   *
   * @minItems 1
   */
  topics: [string, ...string[]];
  /**
   * Why to read it and what it introduced, in our own words.
   */
  annotation: string;
  /**
   * @minItems 1
   */
  related?: [
    {
      id: string;
      relation:
        | 'conference-version'
        | 'journal-version'
        | 'extended-version'
        | 'follow-up'
        | 'prior-work'
        | 'thesis-version'
        | 'same-project';
    },
    ...{
      id: string;
      relation:
        | 'conference-version'
        | 'journal-version'
        | 'extended-version'
        | 'follow-up'
        | 'prior-work'
        | 'thesis-version'
        | 'same-project';
    }[]
  ];
  provenance: {
    /**
     * Where the entry came from: the seed bibliography, the mobile notes, or a contribution.
     */
    source: 'seed' | 'mobile-notes' | 'contributed';
    /**
     * How the source list cited the work.
     */
    seedText?: string;
    /**
     * Records the facts were checked against.
     */
    verifiedWith?: string[];
    /**
     * What a reader of the record should know that no field says, such as which version a DOI belongs to.
     */
    note?: string;
    /**
     * Where the source list was wrong, and the fix.
     *
     * @minItems 1
     */
    corrections?: [
      {
        field: string;
        was: string;
        now: string;
        evidence?: string;
      },
      ...{
        field: string;
        was: string;
        now: string;
        evidence?: string;
      }[]
    ];
    /**
     * Why the fields listed in `unverified` could not be settled: what was checked, and what is missing.
     */
    unverifiedReason?: string;
    /**
     * Lint warnings that stay on purpose, each with the reason. A waiver that no longer matches a warning is itself reported.
     *
     * @minItems 1
     */
    waivers?: [
      {
        /**
         * The code of a warning-level rule.
         */
        rule: string;
        reason: string;
      },
      ...{
        /**
         * The code of a warning-level rule.
         */
        rule: string;
        reason: string;
      }[]
    ];
  };
  /**
   * Fields that could not be verified against a source.
   *
   * @minItems 1
   */
  unverified?: [
    (
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
      | 'number'
    ),
    ...(
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
      | 'number'
    )[]
  ];
  /**
   * The date the entry joined virtbib (YYYY-MM-DD), for the list of newest additions.
   */
  added?: string;
  /**
   * Citations rendered at build time, so consumers need no citation library.
   */
  citations: {
    apa: {
      text: string;
      html: string;
    };
  };
}
/**
 * This interface was referenced by `VirtbibSchemas`'s JSON-Schema
 * via the `definition` "PublishedTopic".
 */
export interface PublishedTopic {
  id: string;
  title: string;
  description: string;
  /**
   * Every entry of the topic, in reading order.
   */
  entries: string[];
}
