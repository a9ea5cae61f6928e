/**
 * The data as the pages use it: the published dataset with its lookups precomputed once, the citation
 * functions, the optional link report, and the site's settings. Pages are pure functions of this.
 */
import type { Dataset, Note, PublishedEntry, PublishedTopic } from '@virtbib/data';
import type { Citations } from './data/citations.js';
import type { LinkReport, LinkResult } from './data/link-report.js';

export interface SiteConfig {
  /** The absolute URL the site is published at, ending in "/": feeds and the sitemap need it. */
  siteUrl: string;
  /** The path part of siteUrl ("/virtbib/"): the 404 page, served at any address, links from it. */
  basePath: string;
  /** The source repository, linked from every page. */
  repositoryUrl: string;
}

export interface RelatedEntry {
  relation: string;
  entry: PublishedEntry;
}

export interface SiteModel {
  config: SiteConfig;
  dataset: Dataset;
  citations: Citations;
  /** Sorted by ID, as published. */
  entries: readonly PublishedEntry[];
  topics: readonly PublishedTopic[];
  notes: readonly Note[];
  entry(id: string): PublishedEntry | undefined;
  topic(id: string): PublishedTopic | undefined;
  /** The entry's topics that exist, in the entry's order. */
  topicsOf(entry: PublishedEntry): PublishedTopic[];
  related(entry: PublishedEntry): RelatedEntry[];
  /** Entries with an `added` date, newest first (ties by ID). */
  additions: readonly { entry: PublishedEntry; added: string }[];
  linkReport: LinkReport | undefined;
  /** The report's result for a URL as the dataset writes it (DOIs as `doi:<doi>`). */
  linkState(url: string): LinkResult | undefined;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * When the entry joined virtbib: the optional `added` field (an ISO date, YYYY-MM-DD, or a full ISO
 * timestamp whose date part is used). Anything else counts as absent.
 */
export function addedOf(entry: PublishedEntry): string | undefined {
  const { added } = entry;
  if (typeof added !== 'string') return undefined;
  const date = added.slice(0, 10);
  return ISO_DATE.test(date) && !Number.isNaN(Date.parse(date)) ? date : undefined;
}

/** What the provenance says beyond its source: a note, why fields are unverified, checks waived. */
export interface ProvenanceDetails {
  /** What a reader of the record should know that no field says. */
  note?: string;
  /** Why the fields in `unverified` could not be settled. */
  unverifiedReason?: string;
  /** Checks that do not apply to this entry, each with the reason. */
  waivers: readonly { readonly rule: string; readonly reason: string }[];
}

export function provenanceDetails(entry: PublishedEntry): ProvenanceDetails {
  const { note, unverifiedReason, waivers } = entry.provenance;
  return { note, unverifiedReason, waivers: waivers ?? [] };
}

/** False for works that were not peer reviewed (talks, documentation, web pages); absent means reviewed. */
export function peerReviewed(entry: PublishedEntry): boolean {
  return entry.peerReviewed !== false;
}

/** Most recent first: year, then month, then day; undated last; ties by ID. */
export function byPublicationDesc(a: PublishedEntry, b: PublishedEntry): number {
  const key = (e: PublishedEntry) => (e.year ?? -1) * 500 + (e.month ?? 0) * 40 + (e.day ?? 0);
  return key(b) - key(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function createModel(
  dataset: Dataset,
  citations: Citations,
  config: SiteConfig,
  linkReport?: LinkReport,
): SiteModel {
  const entries = dataset.entries;
  // Keyed by plain strings: pages look up IDs that come from links and lists, not only typed ones.
  const byId = new Map<string, PublishedEntry>(entries.map((e) => [e.id, e]));
  const topicById = new Map<string, PublishedTopic>(dataset.topics.map((t) => [t.id, t]));
  const byUrl = new Map((linkReport?.results ?? []).map((r) => [r.url, r]));
  const additions = entries
    .flatMap((entry) => {
      const added = addedOf(entry);
      return added ? [{ entry, added }] : [];
    })
    .sort((a, b) => (a.added < b.added ? 1 : a.added > b.added ? -1 : a.entry.id < b.entry.id ? -1 : 1));
  return {
    config,
    dataset,
    citations,
    entries,
    topics: dataset.topics,
    notes: dataset.notes,
    entry: (id) => byId.get(id),
    topic: (id) => topicById.get(id),
    topicsOf: (entry) => entry.topics.flatMap((id) => topicById.get(id) ?? []),
    related: (entry) =>
      (entry.related ?? []).flatMap(({ id, relation }) => {
        const other = byId.get(id);
        return other ? [{ relation, entry: other }] : [];
      }),
    additions,
    linkReport,
    linkState: (url) => byUrl.get(url),
  };
}
