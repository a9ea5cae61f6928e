import type { LinkClass, LinkCode } from './results/codes.js';

/** Where a URL was found: a file and a 1-based line, plus the field for dataset entries. */
export interface Source {
  file: string;
  line: number;
  column?: number;
  /** The dataset field, e.g. `urls.landing`; absent for Markdown, HTML and URL lists. */
  field?: string;
}

/**
 * A relative link found in a document: it points at a file beside the document, not at the web, and is
 * checked on disk (see internal.ts). `from` is the document's absolute path; `root` is the folder the link
 * must stay inside (the folder given on the command line, or the working directory for single files).
 */
export interface InternalLink {
  value: string;
  from: string;
  root: string;
  source: Source;
}

/** How internal links are read: `basePath` is the path a site is served under (`/virtbib/`), which
 * root-relative links (`/virtbib/x.html`) start with; it stands for the root folder. */
export interface InternalOptions {
  basePath?: string;
}

/** One occurrence of a URL in the inputs. The same URL may come many times; it is checked once. */
export interface LinkInput {
  url: string;
  source?: Source;
  /** For inputs already grouped: all the places the URL was found. */
  sources?: readonly Source[];
}

/** One response in a redirect chain: the URL asked and the redirect status it answered with. */
export interface Hop {
  url: string;
  status: number;
}

/**
 * The redirects of a result that had none, shared: most results have none, and an empty array each is
 * a few dozen bytes times millions of URLs. Frozen, so that it stays empty.
 */
export const NO_REDIRECTS: Hop[] = Object.freeze([]) as unknown as Hop[];

export interface Suggestion {
  /** The address to write instead of the checked one, or (archived-copy) beside it, as urls.archived. */
  url: string;
  reason: 'permanent-redirect' | 'archived-copy';
}

/** A field where the registry's metadata for a DOI disagrees with the entry. */
export interface DoiMismatch {
  field: 'title' | 'year' | 'author';
  /** The entry's value. */
  entry: string;
  registry: string;
  /** The ID of the entry that disagrees (a DOI may be cited by several entries). */
  id?: string;
  /** That entry's file: a report puts the mismatch on that file only. */
  file?: string;
}

/** What the engine found out about one URL. */
export interface LinkResult {
  /** The URL as checked: as written, without its #fragment (never sent to servers). */
  url: string;
  class: LinkClass;
  code: LinkCode;
  /** The final HTTP status, when a response was received. */
  status?: number;
  /** Where the redirects ended, when there were any. */
  finalUrl?: string;
  redirects: Hop[];
  /** Attempts made (1 + retries); 0 for URLs that were never requested. */
  attempts: number;
  /** HTTP requests sent, counting HEAD-then-GET fallbacks and redirect hops. */
  requests: number;
  durationMs: number;
  sources: Source[];
  suggestion?: Suggestion;
  /** Technical detail for people: the system error, the bot-protection marker, the exclude reason. */
  detail?: string;
  /** Set by the history: how many runs in a row this URL has failed, this one included. */
  consecutiveFailures?: number;
  /** Set by the history on suspects: what this run observed before the history held it back. */
  observed?: LinkClass;
  /** Set when the result comes from the cache of recent successes instead of a request. */
  cached?: boolean;
  /** For DOIs (`doi:` URLs) whose registry metadata describes another work: each differing field. */
  mismatches?: DoiMismatch[];
}
