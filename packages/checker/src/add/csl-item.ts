import type { CslItem } from './csl-to-entry.js';

type Kind = 'text' | 'texts' | 'text-or-number' | 'people' | 'date';

/** The CSL-JSON fields `virtbib add` reads, with the shape CSL-JSON gives each (csl-data.json). */
const FIELDS: Record<keyof CslItem, Kind> = {
  type: 'text',
  title: 'texts',
  author: 'people',
  issued: 'date',
  'published-print': 'date',
  'published-online': 'date',
  'container-title': 'texts',
  'container-title-short': 'texts',
  'short-container-title': 'texts',
  'collection-title': 'texts',
  volume: 'text-or-number',
  issue: 'text-or-number',
  page: 'text-or-number',
  number: 'text-or-number',
  genre: 'text',
  publisher: 'text',
  'publisher-place': 'text',
  'event-place': 'text',
  DOI: 'text',
  ISBN: 'texts',
  URL: 'text',
};

const EXPECTED: Record<Kind, string> = {
  text: 'text',
  texts: 'text or a list of texts',
  'text-or-number': 'text or a number',
  people: 'a list of names ({family, given} or {literal})',
  date: 'a date ({"date-parts": [[year, month, day]]})',
};

const isText = (v: unknown) => typeof v === 'string';
const isTextOrNumber = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isDatePart = (v: unknown) =>
  (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d{1,4}$/.test(v));

const fits: Record<Kind, (value: unknown) => boolean> = {
  text: isText,
  texts: (v) => isText(v) || (Array.isArray(v) && v.every(isText)),
  'text-or-number': isTextOrNumber,
  people: (v) =>
    Array.isArray(v) &&
    v.every(
      (p) =>
        p !== null &&
        typeof p === 'object' &&
        !Array.isArray(p) &&
        ['family', 'given', 'literal', 'name'].every(
          (k) => (p as Record<string, unknown>)[k] === undefined || isText((p as Record<string, unknown>)[k]),
        ),
    ),
  date: (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const parts = (v as { 'date-parts'?: unknown })['date-parts'];
    // A date given only as `raw` or `literal` has no parts: it is read as no date, not as a malformed one.
    return (
      parts === undefined ||
      (Array.isArray(parts) && parts.every((p) => Array.isArray(p) && p.length <= 3 && p.every(isDatePart)))
    );
  },
};

const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : `a ${typeof value === 'object' ? 'record' : typeof value}`;

/**
 * Reads a registry's answer as CSL-JSON without trusting it: only the fields `add` uses are kept, each only
 * when it has the shape CSL-JSON gives it. A field of the wrong shape is left out and named in `problems`,
 * so that a hostile or broken record ends in a clear message rather than an internal error.
 */
export function readCslItem(raw: unknown): { item: CslItem; problems: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { item: {}, problems: [`the record is ${describe(raw)}, not a CSL-JSON object`] };
  const item: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [field, kind] of Object.entries(FIELDS)) {
    if (!Object.hasOwn(raw, field)) continue;
    const value = (raw as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (fits[kind](value)) item[field] = value;
    else problems.push(`"${field}" should be ${EXPECTED[kind]}, not ${describe(value)}`);
  }
  return { item: item as CslItem, problems };
}
