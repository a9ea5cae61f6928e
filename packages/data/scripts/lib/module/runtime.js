// The API of @virtbib/data. scripts/lib/module/module.mjs turns this file into dist/index.cjs, replacing
// __VIRTBIB_DATA__ with a require of dist/data.cjs (the dataset) and __VIRTBIB_FORMATS__ with a require of
// dist/formats.cjs (the record writers that also wrote the published files, ../formats/index.mjs).
// dist/index.mjs re-exports that one CommonJS module, so import and require share one copy of the data. This
// file imports nothing.

/** The whole bibliography, as in bibliography.json. Deeply frozen: copy (structuredClone) before editing. */
const dataset = deepFreeze(__VIRTBIB_DATA__);
/** Every entry, sorted by ID. */
const entries = dataset.entries;
/** Every topic, in reading order. */
const topics = dataset.topics;
/** The structured notes. */
const notes = dataset.notes;
/** The version of the data package this module was built for. */
const version = dataset.version;

let lookup;
/** Indexes built on first use, so importing the module costs only the parse. Every list in them is frozen. */
function indexes() {
  if (lookup) return lookup;
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const byDoi = new Map();
  const byYear = new Map();
  for (const entry of entries) {
    for (const doi of [entry.doi, ...(entry.alternateDois ?? [])]) {
      if (doi !== undefined && !byDoi.has(normalizeDoi(doi))) byDoi.set(normalizeDoi(doi), entry);
    }
    if (entry.year !== undefined) {
      const list = byYear.get(entry.year) ?? [];
      list.push(entry);
      byYear.set(entry.year, list);
    }
  }
  for (const list of byYear.values()) Object.freeze(list);
  lookup = {
    entries: byId,
    topics: new Map(topics.map((topic) => [topic.id, topic])),
    notes: new Map(notes.map((note) => [note.id, note])),
    byTopic: new Map(
      topics.map((topic) => [topic.id, Object.freeze(topic.entries.map((id) => byId.get(id)))]),
    ),
    related: new Map(),
    byDoi,
    byYear,
  };
  return lookup;
}

/** The entry with this ID, or undefined. */
function getEntry(id) {
  return indexes().entries.get(checkString('getEntry', 'id', id));
}

/** The topic with this ID, or undefined. */
function getTopic(id) {
  return indexes().topics.get(checkString('getTopic', 'id', id));
}

/** The note with this ID, or undefined. */
function getNote(id) {
  return indexes().notes.get(checkString('getNote', 'id', id));
}

const NONE = Object.freeze([]);

/** The entries of a topic in reading order; an empty array for an unknown topic. */
function entriesByTopic(topicId) {
  return indexes().byTopic.get(checkString('entriesByTopic', 'topicId', topicId)) ?? NONE;
}

/** The entries an entry names in `related`, in its order, each with the relation it states. */
function relatedEntries(id) {
  const { related, entries: byId } = indexes();
  const entry = byId.get(checkString('relatedEntries', 'id', id));
  if (!entry) return NONE;
  if (!related.has(id)) {
    const out = [];
    for (const { id: otherId, relation } of entry.related ?? []) {
      const other = byId.get(otherId);
      if (other) out.push(Object.freeze({ relation, entry: other }));
    }
    related.set(id, Object.freeze(out));
  }
  return related.get(id);
}

/** The entries published in a year, sorted by ID. */
function entriesByYear(year) {
  if (!Number.isInteger(year)) {
    throw new TypeError(`entriesByYear: the year must be an integer, got ${describe(year)}.`);
  }
  return indexes().byYear.get(year) ?? NONE;
}

/** The entry with this DOI (or alternate DOI), however it is written: URL, "doi:" prefix, any case. */
function findByDoi(doi) {
  return indexes().byDoi.get(normalizeDoi(checkString('findByDoi', 'doi', doi)));
}

/** A DOI in the form the dataset stores: no resolver or "doi:" prefix, lowercase. Not a validity check. */
function normalizeDoi(doi) {
  let out = checkString('normalizeDoi', 'doi', doi).trim();
  try {
    if (/%[0-9a-f]{2}/i.test(out)) out = decodeURIComponent(out);
  } catch {}
  return out
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/[.,;:]+$/, '')
    .toLowerCase();
}

/** The pre-rendered APA citation of an entry: `{ text, html }`. */
function cite(id) {
  return selectEntries('cite', id, false)[0].citations.apa;
}

let formats;
/** The record writers, loaded on first use: most programs that import the data never write a record. */
function writers() {
  formats ??= __VIRTBIB_FORMATS__;
  return formats;
}

/** Classic BibTeX entries of these IDs, in this order: the records of bibliography.bib. */
function toBibTeX(ids) {
  return writers().bibtexText(selectEntries('toBibTeX', ids, true));
}

/** biblatex entries of these IDs, in this order: the records of bibliography.biblatex.bib. */
function toBibLaTeX(ids) {
  return writers().biblatexText(selectEntries('toBibLaTeX', ids, true));
}

/** RIS records of these IDs, in this order: the records of bibliography.ris. */
function toRIS(ids) {
  return writers().risText(selectEntries('toRIS', ids, true));
}

/** A CSL-JSON document of these IDs, in this order, laid out as csl.json. */
function toCSL(ids) {
  return writers().cslText(selectEntries('toCSL', ids, true));
}

/** The entries of one ID or (when `list`) of an array of IDs; a RangeError names the first unknown one. */
function selectEntries(name, ids, list) {
  const wanted = typeof ids === 'string' ? [ids] : list && Array.isArray(ids) ? ids : undefined;
  if (wanted === undefined) {
    const expected = list ? 'an entry ID or an array of entry IDs' : 'an entry ID';
    throw new TypeError(`${name}: expected ${expected}, got ${describe(ids)}.`);
  }
  const byId = indexes().entries;
  return wanted.map((id) => {
    const entry = byId.get(checkString(name, 'each ID', id));
    if (!entry) throw new RangeError(`${name}: there is no entry with the ID ${describe(id)}.`);
    return entry;
  });
}

function checkString(name, what, value) {
  if (typeof value !== 'string')
    throw new TypeError(`${name}: ${what} must be a string, got ${describe(value)}.`);
  return value;
}

/** A value as an error message shows it: strings quoted and cut short, other things by type. */
function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze(value[key]);
    Object.freeze(value);
  }
  return value;
}

export {
  cite,
  dataset,
  entries,
  entriesByTopic,
  entriesByYear,
  findByDoi,
  getEntry,
  getNote,
  getTopic,
  normalizeDoi,
  notes,
  relatedEntries,
  toBibLaTeX,
  toBibTeX,
  toCSL,
  topics,
  toRIS,
  version,
};
