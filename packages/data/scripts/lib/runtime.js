// The API of @virtbib/data. scripts/lib/module.mjs copies this file into dist/index.mjs and dist/index.cjs,
// replacing __VIRTBIB_DATA__ with the dataset as one JSON string literal (JSON.parse of a string is the
// fastest way to load data in V8); for CommonJS the closing export list becomes `exports.name = name` lines.
// It must stay free of imports and requires, and end with that one export list.

/** The whole bibliography, as in bibliography.json. Deeply frozen: copy (structuredClone) before editing. */
const dataset = deepFreeze(JSON.parse(__VIRTBIB_DATA__));
/** Every entry, sorted by ID. */
const entries = dataset.entries;
/** Every topic, in reading order. */
const topics = dataset.topics;
/** The structured notes. */
const notes = dataset.notes;
/** The version of the data package this module was built for. */
const version = dataset.version;

let lookup;
/** Indexes built on first use, so importing the module costs only the parse. */
function indexes() {
  if (lookup) return lookup;
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
  lookup = {
    entries: new Map(entries.map((entry) => [entry.id, entry])),
    topics: new Map(topics.map((topic) => [topic.id, topic])),
    notes: new Map(notes.map((note) => [note.id, note])),
    byDoi,
    byYear,
  };
  return lookup;
}

/** The entry with this ID, or undefined. */
function getEntry(id) {
  return indexes().entries.get(id);
}

/** The topic with this ID, or undefined. */
function getTopic(id) {
  return indexes().topics.get(id);
}

/** The note with this ID, or undefined. */
function getNote(id) {
  return indexes().notes.get(id);
}

/** The entries of a topic in reading order; an empty array for an unknown topic. */
function entriesByTopic(topicId) {
  const topic = getTopic(topicId);
  return topic ? topic.entries.map((id) => getEntry(id)) : [];
}

/** The entries an entry names in `related`, in its order, each with the relation it states. */
function relatedEntries(id) {
  const entry = getEntry(id);
  const out = [];
  for (const { id: otherId, relation } of entry?.related ?? []) {
    const other = getEntry(otherId);
    if (other) out.push({ relation, entry: other });
  }
  return out;
}

/** The entries published in a year, sorted by ID. */
function entriesByYear(year) {
  return [...(indexes().byYear.get(year) ?? [])];
}

/** The entry with this DOI (or alternate DOI), however it is written: URL, "doi:" prefix, any case. */
function findByDoi(doi) {
  return typeof doi === 'string' ? indexes().byDoi.get(normalizeDoi(doi)) : undefined;
}

/** A DOI in the form the dataset stores: no resolver or "doi:" prefix, lowercase. */
function normalizeDoi(raw) {
  let doi = String(raw).trim();
  try {
    if (/%[0-9a-f]{2}/i.test(doi)) doi = decodeURIComponent(doi);
  } catch {}
  return doi
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/[.,;:]+$/, '')
    .toLowerCase();
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze(value[key]);
    Object.freeze(value);
  }
  return value;
}

export {
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
  topics,
  version,
};
