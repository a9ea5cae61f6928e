// Type-level checks, run by `npm run typecheck` (tsc, not vitest): the declarations published in
// dist/index.d.mts. Each @ts-expect-error line is a claim: tsc fails if the line compiles (an unused directive
// is an error), so the types cannot quietly become mutable, optional or `string`.
import type * as Schema from '@virtbib/schema';
import {
  cite,
  type Dataset,
  dataset,
  type EntryId,
  entries,
  entriesByTopic,
  getEntry,
  getTopic,
  type PublishedEntry,
  type PublishedTopic,
  type TopicId,
  toBibTeX,
  toCSL,
} from '../dist/index.mjs';

/** true when A and B are mutually assignable, false otherwise. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What a deeply frozen value of T is: every property readonly, every array a readonly array. */
type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

// Generated from the same schema as @virtbib/schema's types: the same fields, as values of those types.
export const sameFields: [
  Same<keyof PublishedEntry, keyof Schema.PublishedEntry>,
  Same<keyof Dataset, keyof Schema.Dataset>,
  Same<keyof PublishedTopic, keyof Schema.PublishedTopic>,
] = [true, true, true];
export const fitsTheSchema: DeepReadonly<Schema.Dataset> = dataset;

// Readonly all the way down: every assignment below is a compile error.
const first = entries[0]!;
// @ts-expect-error a published entry is readonly
first.title = 'x';
// @ts-expect-error and so is the list of entries
entries.push(first);
// @ts-expect-error and every list inside an entry
first.authors.push({ literal: 'Someone' });
// @ts-expect-error and every object inside an entry
first.provenance.source = 'seed';
// @ts-expect-error and the dataset
dataset.topics = [];
// @ts-expect-error and what lookups return
entriesByTopic('overview').pop();

// citations is always there.
export const apa: string = first.citations.apa.html;
// @ts-expect-error a published entry without citations is not a published entry
export const noCitations: PublishedEntry = { ...first, citations: undefined };

// IDs are literal unions: a known ID types, a typo does not.
export const known: EntryId = 'barham2003xen';
// @ts-expect-error a typo in an entry ID
export const typo: EntryId = 'barhma2003xen';
export const topic: TopicId = 'overview';
// @ts-expect-error a topic that does not exist
export const noTopic: TopicId = 'overveiw';
export const idOfEntry: EntryId = first.id;
export const topicOfEntry: TopicId = first.topics[0];
// @ts-expect-error an ID is not any string
export const anyString: EntryId = String(Math.random());

// Lookups accept any string; a known ID finds something, any other string may not.
export const found: PublishedEntry = getEntry('barham2003xen');
export const foundTopic: PublishedTopic = getTopic('overview');
export const maybe: PublishedEntry | undefined = getEntry(String(Math.random()));
// @ts-expect-error an arbitrary string may find nothing
export const notSure: PublishedEntry = getEntry(String(Math.random()));
export const records: string = toBibTeX(['barham2003xen', String(Math.random())]) + toCSL(known);
export const citation: { readonly text: string; readonly html: string } = cite('barham2003xen');
// @ts-expect-error IDs are strings
toBibTeX(42);
