// Maps an authored entry to a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
// The item holds only variables of the official CSL-JSON schema (it forbids additional properties), and every
// value is a string except date parts: citeproc and citation-js 0.8 mishandle numeric volumes and issues.
// The module runs this too (toCSL), so it imports nothing.

/** The URL a reader should follow: the publisher's page, else an open copy, else an archived snapshot. */
export function primaryUrl(entry) {
  return entry.urls?.landing ?? entry.urls?.open ?? entry.urls?.archived;
}

/** A person as CSL expects it: `{ family, given }` for people, `{ literal }` for organizations. */
export function cslName(person) {
  if ('literal' in person) return { literal: person.literal };
  return person.given === undefined
    ? { family: person.family }
    : { family: person.family, given: person.given };
}

/** Year, month and day as CSL date parts; undefined when the entry has no year (undated web pages). */
export function cslDate(entry) {
  if (entry.year === undefined) return undefined;
  const parts = [entry.year];
  if (entry.month !== undefined) {
    parts.push(entry.month);
    if (entry.day !== undefined) parts.push(entry.day);
  }
  return { 'date-parts': [parts] };
}

/**
 * One CSL-JSON item per entry; `id` and `citation-key` are the entry ID. The annotation becomes `annote`
 * (the CSL variable for reader's notes) and alternate DOIs are listed in `note`.
 */
export function toCsl(entry) {
  const item = {
    id: entry.id,
    'citation-key': entry.id,
    type: entry.type,
    title: entry.title,
    author: entry.authors.map(cslName),
    editor: entry.editors?.map(cslName),
    issued: cslDate(entry),
    'container-title': entry.containerTitle,
    'container-title-short': entry.containerTitleShort,
    'collection-title': entry.collectionTitle,
    volume: text(entry.volume),
    issue: text(entry.issue),
    page: entry.pages,
    number: text(entry.number),
    genre: entry.genre,
    publisher: entry.publisher,
    'publisher-place': entry.publisherPlace,
    'event-place': entry.eventPlace,
    DOI: entry.doi,
    ISBN: entry.isbn,
    URL: primaryUrl(entry),
    note: entry.alternateDois ? `Also registered as DOI ${entry.alternateDois.join(', ')}.` : undefined,
    annote: entry.annotation,
  };
  for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
  return item;
}

/**
 * One item as the text it has in csl.json: pretty-printed with two spaces, indented one level as an element of
 * the top-level array. JSON.stringify escapes line breaks inside strings, so only the layout's own newlines are
 * indented.
 */
export function cslRecord(entry) {
  return `  ${JSON.stringify(toCsl(entry), null, 2).replace(/\n/g, '\n  ')}`;
}

/** The item citeproc renders: the annotation and notes play no part in a citation, so they cannot stale it. */
export function toRenderable(item) {
  const { annote: _annote, note: _note, ...rest } = item;
  return rest;
}

const text = (value) => (value === undefined ? undefined : String(value));
