// Type-level checks, run by `npm run typecheck` (not by vitest): the self-contained types published in
// dist/index.d.mts (copied from scripts/lib/api.d.ts) must stay identical to the schema's generated types.
import type * as Schema from '@virtbib/schema';
import type * as Data from '../dist/index.mjs';

/** true when A and B are mutually assignable, false otherwise. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const checks: [
  Same<Data.Person, Schema.Person>,
  Same<Data.PublishedEntry, Schema.PublishedEntry>,
  Same<Data.PublishedTopic, Schema.PublishedTopic>,
  Same<Data.Note, Schema.Note>,
  Same<Data.Dataset, Schema.Dataset>,
  Same<Data.Relation, NonNullable<Schema.Entry['related']>[number]['relation']>,
  Same<Data.UnverifiedField, NonNullable<Schema.Entry['unverified']>[number]>,
  Same<typeof Data.dataset, Schema.Dataset>,
] = [true, true, true, true, true, true, true, true];
