// Derivations from the authoring schemas (the single source of truth). Used by generate.mjs to write the
// committed copies and by the drift test to compare against them.
import { readFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const read = (name) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8'));

function authoring() {
  return {
    entry: read('entry.schema.json'),
    topics: read('topics.schema.json'),
    notes: read('notes.schema.json'),
  };
}

/** Rewrites `#/$defs/x` refs of a schema that is being inlined under another document's $defs. */
function rebase(node, mapping) {
  if (Array.isArray(node)) return node.map((item) => rebase(item, mapping));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && mapping[value] ? mapping[value] : rebase(value, mapping);
    }
    return out;
  }
  return node;
}

const citationsSchema = {
  description: 'Citations rendered at build time, so consumers need no citation library.',
  type: 'object',
  additionalProperties: false,
  required: ['apa'],
  properties: {
    apa: {
      type: 'object',
      additionalProperties: false,
      required: ['text', 'html'],
      properties: { text: { type: 'string' }, html: { type: 'string' } },
    },
  },
};

/** The published schema of dist/bibliography.json: self-contained, every definition under $defs. */
export function datasetSchema() {
  const { entry, topics, notes } = authoring();
  const { $schema, $id, $defs: entryDefs, title, description, ...entryBody } = entry;
  const refs = { '#/$defs/person': '#/$defs/person' };
  const publishedEntry = rebase(
    {
      title: 'PublishedEntry',
      description: 'An entry as published: the authored fields plus pre-rendered citations.',
      ...entryBody,
      properties: { ...entryBody.properties, citations: citationsSchema },
      // The build renders a citation for every entry: a published entry always has one.
      required: [...entryBody.required, 'citations'],
    },
    refs,
  );
  const topic = topics.$defs.topic;
  const publishedTopic = {
    title: 'PublishedTopic',
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'description', 'entries'],
    properties: {
      id: topic.properties.id,
      title: topic.properties.title,
      description: topic.properties.description,
      entries: {
        description: 'Every entry of the topic, in reading order.',
        type: 'array',
        items: { type: 'string' },
      },
    },
  };
  const { $schema: _s, $id: _i, ...noteBody } = notes;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://virtbib.dev/schemas/dataset.schema.json',
    title: 'Dataset',
    description: 'dist/bibliography.json of @virtbib/data: the whole bibliography as one document.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'version', 'license', 'entries', 'topics', 'notes'],
    properties: {
      name: { const: '@virtbib/data' },
      version: { description: 'The data package version this file was built for.', type: 'string' },
      license: { type: 'string' },
      entries: { description: 'All entries, sorted by ID.', type: 'array', items: { $ref: '#/$defs/entry' } },
      topics: { description: 'Topics in reading order.', type: 'array', items: { $ref: '#/$defs/topic' } },
      notes: { type: 'array', items: { $ref: '#/$defs/note' } },
    },
    $defs: {
      entry: publishedEntry,
      person: { title: 'Person', ...entryDefs.person },
      topic: publishedTopic,
      note: { ...noteBody, title: 'Note' },
    },
  };
}

export function renderDatasetSchema() {
  return `${JSON.stringify(datasetSchema(), null, 2)}\n`;
}

/** TypeScript types for the authoring formats and the published dataset, in one module. */
export async function renderTypes() {
  const { entry, topics, notes } = authoring();
  const dataset = datasetSchema();
  const strip = ({ $schema, $id, ...rest }) => rest;
  const combined = {
    title: 'VirtbibSchemas',
    type: 'object',
    additionalProperties: false,
    properties: {
      entry: { $ref: '#/$defs/Entry' },
      topicsFile: { $ref: '#/$defs/TopicsFile' },
      note: { $ref: '#/$defs/Note' },
      dataset: { $ref: '#/$defs/Dataset' },
    },
    $defs: {
      Entry: rebase(strip({ ...entry, $defs: undefined }), { '#/$defs/person': '#/$defs/Person' }),
      Person: { title: 'Person', ...entry.$defs.person },
      TopicsFile: rebase(strip({ ...topics, title: 'TopicsFile', $defs: undefined }), {
        '#/$defs/topic': '#/$defs/Topic',
      }),
      Topic: { title: 'Topic', ...topics.$defs.topic },
      Note: strip({ ...notes, title: 'Note' }),
      Dataset: rebase(strip({ ...dataset, $defs: undefined }), {
        '#/$defs/entry': '#/$defs/PublishedEntry',
        '#/$defs/topic': '#/$defs/PublishedTopic',
        '#/$defs/note': '#/$defs/Note',
      }),
      PublishedEntry: rebase(dataset.$defs.entry, { '#/$defs/person': '#/$defs/Person' }),
      PublishedTopic: dataset.$defs.topic,
    },
  };
  const body = await compile(JSON.parse(JSON.stringify(combined)), 'VirtbibSchemas', {
    bannerComment:
      '// Generated from packages/schema/schemas by `npm run generate -w @virtbib/schema`. Do not edit.\n' +
      '// A test fails when this file drifts from the schemas.',
    additionalProperties: false,
    unreachableDefinitions: true,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
  });
  return body;
}
