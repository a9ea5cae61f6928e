// Turns the authored dataset (what `validateDataset` loaded) into the published document of
// dist/bibliography.json: entries sorted by ID, topics with their full reading order, notes, and every
// object's keys in the order of the published schema, so the output never depends on how a file was typed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DATASET_SCHEMA = JSON.parse(
  readFileSync(require.resolve('@virtbib/schema/schemas/dataset.schema.json'), 'utf8'),
);

/** Compares strings by UTF-16 code units: the same order on every machine and locale. */
export const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the published document.
 * @param {{ entries: { entry: object }[], topics?: { data: { topics: object[] } }, notes: { data: object }[] }} loaded
 * @param {{ name: string, version: string, license: string }} pkg
 * @param {Map<string, { text: string, html: string }>} citations APA citations by entry ID, one for every entry:
 *   a published entry always has its citation (the published schema requires it)
 */
export function publishDataset(loaded, pkg, citations) {
  const authored = loaded.entries.map((file) => file.entry).sort((a, b) => byCodeUnit(a.id, b.id));
  const entries = authored.map((entry) => {
    const apa = citations.get(entry.id);
    if (!apa) throw new Error(`No citation was rendered for ${JSON.stringify(entry.id)}.`);
    return orderKeys({ ...entry, citations: { apa } }, DATASET_SCHEMA.$defs.entry);
  });
  const topics = (loaded.topics?.data.topics ?? []).map((topic) => ({
    id: topic.id,
    title: topic.title,
    description: topic.description,
    entries: readingOrder(topic, authored),
  }));
  const notes = loaded.notes
    .map((file) => orderKeys(file.data, DATASET_SCHEMA.$defs.note))
    .sort((a, b) => byCodeUnit(a.id, b.id));
  return { name: pkg.name, version: pkg.version, license: pkg.license, entries, topics, notes };
}

/**
 * Every entry of a topic in the order to read it: the topic's readingOrder first, then the members it does
 * not list, oldest first (undated ones last), ties broken by ID.
 */
export function readingOrder(topic, entries) {
  const members = entries.filter((entry) => entry.topics.includes(topic.id));
  const memberIds = new Set(members.map((entry) => entry.id));
  const listed = (topic.readingOrder ?? []).filter((id) => memberIds.has(id));
  const listedSet = new Set(listed);
  const rest = members
    .filter((entry) => !listedSet.has(entry.id))
    .sort(
      (a, b) =>
        (a.year ?? Number.POSITIVE_INFINITY) - (b.year ?? Number.POSITIVE_INFINITY) || byCodeUnit(a.id, b.id),
    )
    .map((entry) => entry.id);
  return [...listed, ...rest];
}

/** Copies a value with object keys in the order the schema declares them; unknown keys follow, sorted. */
export function orderKeys(value, schema) {
  if (Array.isArray(value)) return value.map((item) => orderKeys(item, resolve(schema?.items)));
  if (value === null || typeof value !== 'object') return value;
  const properties = collectProperties(schema);
  const known = Object.keys(properties).filter((key) => key in value);
  const unknown = Object.keys(value)
    .filter((key) => !(key in properties))
    .sort(byCodeUnit);
  const out = {};
  for (const key of [...known, ...unknown]) out[key] = orderKeys(value[key], resolve(properties[key]));
  return out;
}

function resolve(schema) {
  if (schema?.$ref?.startsWith('#/$defs/')) return DATASET_SCHEMA.$defs[schema.$ref.slice('#/$defs/'.length)];
  return schema;
}

const propertiesOf = new WeakMap();

/** The properties of a schema node, including those of its oneOf/anyOf alternatives (e.g. person). */
function collectProperties(schema) {
  const node = resolve(schema);
  if (!node) return {};
  if (!propertiesOf.has(node)) propertiesOf.set(node, mergeProperties(node));
  return propertiesOf.get(node);
}

function mergeProperties(node) {
  const merged = { ...node.properties };
  for (const alternative of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) {
    for (const [key, sub] of Object.entries(collectProperties(alternative)))
      if (!(key in merged)) merged[key] = sub;
  }
  return merged;
}
