import { checkSchema, type Entry } from '@virtbib/schema';

/** The fields of an entry that a person supplies (flags or answers), not the registry. */
export const USER_FIELDS = ['id', 'topics', 'annotation'] as const;
export type UserField = (typeof USER_FIELDS)[number];

export const isUserField = (field: string): field is UserField =>
  (USER_FIELDS as readonly string[]).includes(field);

/**
 * Schema problems of the values a person gave, found before any request is made: the values are put in an
 * otherwise valid stand-in entry and only findings on them are kept. A too-short annotation or a topic
 * given twice then costs no registry request, and the schema stays the one place that says what is valid.
 */
export function userFieldProblems(
  given: Partial<Pick<Entry, UserField>>,
): { field: UserField; message: string }[] {
  const standIn: Entry = {
    id: 'x',
    type: 'article',
    title: 'A title',
    authors: [{ literal: 'An author' }],
    topics: ['x'],
    annotation: 'A stand-in annotation, long enough for any minimum.',
    provenance: { source: 'contributed' },
    ...given,
  } as Entry;
  return checkSchema('entry', standIn)
    .map((finding) => ({ field: String(finding.path[0] ?? ''), message: finding.message }))
    .filter((p): p is { field: UserField; message: string } => isUserField(p.field) && p.field in given);
}
