import { basename } from 'node:path';
import type { JsonPath } from '../diagnostics/locate.js';
import type { SourceFile } from '../yaml/source.js';

/**
 * What the cross-file rules need of one entry: its ID and the fields that relate it to others. A field is
 * present only when it passed the schema (`broken` names those that did not), so rules never trip on a
 * malformed value, and an entry with one broken field is still related correctly by the others. Plain data:
 * it is what a validation cache keeps per file.
 */
export interface EntryDigest {
  id: string;
  broken?: string[];
  /** Title and year as duplicate-title compares them: the normalized title, `|`, the year (if any). */
  titleKey?: string;
  year?: number;
  doi?: string;
  alternateDois?: string[];
  topics?: string[];
  related?: { id: string; relation: string }[];
  /** The rules waived in provenance.waivers, by position. */
  waivers?: string[];
}

export interface TopicDigest {
  id: string;
  /** Position in topics.yaml's list, for locating findings. */
  index: number;
  /** Present when the reading order passed the schema. */
  readingOrder?: string[];
}

export interface TopicsDigest {
  topics: TopicDigest[];
  /** Every topic's ID is known: only then can an unknown topic be called undefined. */
  complete: boolean;
}

export interface NoteDigest {
  links: { id: string; path: JsonPath }[];
}

export type FileDigest =
  | { kind: 'entry'; entry?: EntryDigest }
  | { kind: 'topics'; topics?: TopicsDigest }
  | { kind: 'notes'; note?: NoteDigest };

export interface IndexedEntry {
  readonly source: SourceFile;
  readonly digest: EntryDigest;
  /** Its place in DatasetIndex.entries. */
  readonly position: number;
}

/** One shared index of the dataset for every cross-file rule, built once. */
export interface DatasetIndex {
  /** Entries whose ID passed the schema, in file order. */
  entries: readonly IndexedEntry[];
  /** The first entry with each ID. */
  byId: ReadonlyMap<string, IndexedEntry>;
  /** The IDs more than one entry has. */
  repeatedIds: ReadonlySet<string>;
  /** Entries that did not load (unreadable, not YAML, or an ID that failed the schema), by the ID their file name gives. */
  unloaded: ReadonlyMap<string, string>;
  topics?: { source: SourceFile; digest: TopicsDigest };
  notes: readonly { source: SourceFile; digest: NoteDigest }[];
}

/** True when no finding's scope covers the value at `path` or lies inside it. */
export function usable(scopes: readonly JsonPath[], path: JsonPath): boolean {
  for (const scope of scopes) {
    const n = Math.min(scope.length, path.length);
    let same = true;
    for (let i = 0; i < n && same; i++) same = String(scope[i]) === String(path[i]);
    if (same) return false;
  }
  return true;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

// Room for the longest value copied in place (own) or title keyed in place (asciiKey); longer ones take
// the general path. Bytes, made into a string by Buffer's Latin-1 decoding: for ASCII the same characters,
// and the fastest way here.
const scratch = Buffer.allocUnsafe(1024);

/**
 * A copy of a string that does not keep its file's text alive: V8 keeps a substring as a slice of the whole
 * text, so a digest of 100k entries holding their IDs would hold every file's text. An ASCII value is
 * copied through a buffer, which gives one flat string; any other goes through a concatenation, which gives
 * a slice of a flat copy (two strings, but nothing of the text).
 */
function own(s: string): string {
  if (s.length <= scratch.length && isAscii(s)) {
    scratch.write(s, 0, 'latin1');
    return scratch.toString('latin1', 0, s.length);
  }
  return ` ${s}`.slice(1);
}
const ownAll = (list: readonly string[]): string[] => list.map(own);

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Topic IDs repeat across every entry: each distinct list is kept once and shared by the digests that have
 * it (digests are never changed once made). Bounded, so made-up topics cannot grow it without end.
 */
const oneTopic = new Map<string, string[]>();
const topicLists = new Map<string, string[]>();
function sharedTopics(topics: readonly string[]): string[] {
  // Lists of one topic by the topic itself; longer ones by their JSON, which no two lists share.
  const lists = topics.length === 1 ? oneTopic : topicLists;
  const key = topics.length === 1 ? topics[0]! : JSON.stringify(topics);
  let shared = lists.get(key);
  if (shared === undefined) {
    shared = ownAll(topics);
    if (oneTopic.size + topicLists.size < 4096) lists.set(own(key), shared);
  }
  return shared;
}

/** The fields of an entry that passed the schema, or undefined when its ID did not. */
export function digestEntry(data: unknown, scopes: readonly JsonPath[]): EntryDigest | undefined {
  if (!isObject(data) || typeof data.id !== 'string' || !usable(scopes, ['id'])) return undefined;
  const clean = scopes.length === 0;
  let broken: string[] | undefined;
  if (!clean) {
    const fields = [...new Set(scopes.filter((s) => s.length > 0).map((s) => String(s[0])))];
    if (fields.length > 0) broken = fields;
  }
  const ok = (field: string) => data[field] !== undefined && (clean || usable(scopes, [field]));
  const year = ok('year') && typeof data.year === 'number' ? data.year : undefined;
  // A year that failed the schema leaves the pair in doubt: no key then.
  const titled = ok('title') && typeof data.title === 'string' && (clean || usable(scopes, ['year']));
  const waivers = isObject(data.provenance) ? data.provenance.waivers : undefined;
  // One literal with every field, in the order of EntryDigest (a cache hashes its JSON, which leaves the
  // undefined ones out): the object is made once at its full size, not grown field by field.
  return {
    id: own(data.id),
    broken,
    year,
    titleKey: titled ? titleKey(data.title as string, year) : undefined,
    doi: ok('doi') && typeof data.doi === 'string' ? own(data.doi) : undefined,
    alternateDois:
      ok('alternateDois') && isStrings(data.alternateDois) ? ownAll(data.alternateDois) : undefined,
    topics: ok('topics') && isStrings(data.topics) ? sharedTopics(data.topics) : undefined,
    related:
      ok('related') && Array.isArray(data.related)
        ? data.related.map((r) => ({ id: own(String(r.id)), relation: own(String(r.relation)) }))
        : undefined,
    waivers: ok('provenance') && Array.isArray(waivers) ? waivers.map((w) => own(String(w.rule))) : undefined,
  };
}

/** The normalized title, `|`, the year if any: what duplicate-title compares. */
export function titleKey(title: string, year: number | undefined): string {
  const suffix = `|${year ?? ''}`;
  return asciiKey(title, suffix) ?? normalizeTitle(title) + suffix;
}

/**
 * For a printable-ASCII title, what normalizeTitle gives followed by `suffix`, built in one pass as one flat
 * string (100k of them are kept for the cross-file rules); undefined for any other title.
 */
function asciiKey(title: string, suffix: string): string | undefined {
  if (title.length + suffix.length > scratch.length) return undefined;
  let k = 0;
  let gap = false;
  for (let i = 0; i < title.length; i++) {
    let c = title.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      // A run of anything else between two letters or digits is one space; at either end, none.
      if (gap && k > 0) scratch[k++] = 32;
      gap = false;
      scratch[k++] = c;
    } else gap = true;
  }
  for (let i = 0; i < suffix.length; i++) scratch[k++] = suffix.charCodeAt(i);
  return scratch.toString('latin1', 0, k);
}

/** Case, accents, punctuation and spacing do not make two titles different. */
export function normalizeTitle(title: string): string {
  // Most titles are ASCII: skip Unicode normalization for them, it is the expensive part.
  if (/^[\x20-\x7e]*$/.test(title)) return asciiKey(title, '') ?? asciiNormalized(title);
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function asciiNormalized(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Topics whose ID passed the schema, each with its reading order when that passed too. */
export function digestTopics(data: unknown, scopes: readonly JsonPath[]): TopicsDigest | undefined {
  if (!isObject(data) || !Array.isArray(data.topics)) return undefined;
  const topics: TopicDigest[] = [];
  // A finding on the file or on the whole list (an empty one) leaves the set of topics in doubt.
  let complete = !scopes.some((s) => s.length === 0 || (s.length === 1 && s[0] === 'topics'));
  data.topics.forEach((topic: unknown, index) => {
    if (!isObject(topic) || typeof topic.id !== 'string' || !usable(scopes, ['topics', index, 'id'])) {
      complete = false;
      return;
    }
    const digest: TopicDigest = { id: topic.id, index };
    if (isStrings(topic.readingOrder) && usable(scopes, ['topics', index, 'readingOrder']))
      digest.readingOrder = topic.readingOrder;
    else if (topic.readingOrder === undefined) digest.readingOrder = [];
    topics.push(digest);
  });
  return { topics, complete };
}

/** The entry IDs a note links to, where they passed the schema. */
export function digestNote(data: unknown, scopes: readonly JsonPath[]): NoteDigest {
  const links: NoteDigest['links'] = [];
  const sections = isObject(data) && Array.isArray(data.sections) ? data.sections : [];
  sections.forEach((section: unknown, s) => {
    const items = isObject(section) && Array.isArray(section.items) ? section.items : [];
    items.forEach((item: unknown, i) => {
      const ids = isObject(item) && Array.isArray(item.entries) ? item.entries : [];
      ids.forEach((id: unknown, k) => {
        const path = ['sections', s, 'items', i, 'entries', k];
        if (typeof id === 'string' && usable(scopes, path)) links.push({ id, path });
      });
    });
  });
  return { links };
}

/** What the index is built from: each file's digest, by its path relative to the dataset. */
export interface DigestedFile {
  digest: FileDigest;
  file: string;
}

/**
 * An entry of the index. Its source is made when a rule first asks for it, to report a finding or name the
 * file: a clean run of 100k entries asks for none, and making them all costs a tenth of a second.
 */
class LazyEntry implements IndexedEntry {
  private made?: SourceFile;
  constructor(
    readonly digest: EntryDigest,
    readonly position: number,
    private readonly at: number,
    private readonly sourceAt: (index: number) => SourceFile,
  ) {}
  get source(): SourceFile {
    this.made ??= this.sourceAt(this.at);
    return this.made;
  }
}

/**
 * Builds the index from each file's digest; an entry without one is recorded as not loaded. `sourceAt`
 * gives the source of `files[index]`, asked for only when a rule needs it (see LazyEntry).
 */
export function buildIndex(
  files: readonly DigestedFile[],
  sourceAt: (index: number) => SourceFile,
): DatasetIndex {
  const entries: IndexedEntry[] = [];
  const byId = new Map<string, IndexedEntry>();
  const repeatedIds = new Set<string>();
  const unloaded = new Map<string, string>();
  let topics: DatasetIndex['topics'];
  const notes: { source: SourceFile; digest: NoteDigest }[] = [];
  for (let i = 0; i < files.length; i++) {
    const { digest, file } = files[i]!;
    if (digest.kind === 'entry') {
      if (!digest.entry) {
        unloaded.set(basename(file).replace(/\.ya?ml$/, ''), file);
        continue;
      }
      const indexed = new LazyEntry(digest.entry, entries.length, i, sourceAt);
      entries.push(indexed);
      const id = digest.entry.id;
      if (byId.has(id)) repeatedIds.add(id);
      else byId.set(id, indexed);
    } else if (digest.kind === 'topics') {
      if (digest.topics) topics = { source: sourceAt(i), digest: digest.topics };
    } else if (digest.note) notes.push({ source: sourceAt(i), digest: digest.note });
  }
  for (const id of [...unloaded.keys()]) if (byId.has(id)) unloaded.delete(id);
  return { entries, byId, repeatedIds, unloaded, ...(topics && { topics }), notes };
}

/** True when the entry's `field` passed the schema (present or not). */
export function has(entry: EntryDigest, field: string): boolean {
  return !entry.broken?.includes(field);
}
