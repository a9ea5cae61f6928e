// The type declarations of the published data, generated from the published schema (dataset.schema.json of
// @virtbib/schema) and the data itself, never written by hand:
//   1. names for the parts consumers refer to (Relation, NoteItem...) and EntryId/TopicId for ID fields are
//      added to a copy of the schema, and json-schema-to-typescript turns it into interfaces;
//   2. the TypeScript compiler API makes every property, array and tuple readonly, because the module
//      deep-freezes every value it publishes (an assignment is then a compile error, not a run-time TypeError);
//   3. EntryId and TopicId are the union of the IDs in this build, so editors complete them.
//
// Steps 1 and 2 depend only on the schema and the generator, and take about a second (loading the compiler):
// their result is cached by content hash, like the citations.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { writeIfChanged } from '../write.mjs';

const require = createRequire(import.meta.url);
const SCHEMA_FILE = require.resolve('@virtbib/schema/schemas/dataset.schema.json');

/**
 * Names and ID types for parts of the schema, by path. A path that is missing means the schema changed shape:
 * the build stops rather than publish types that lost a name.
 */
const ANNOTATIONS = [
  [['$defs', 'entry', 'properties', 'id'], { tsType: 'EntryId' }],
  [['$defs', 'entry', 'properties', 'type'], { title: 'EntryType' }],
  [['$defs', 'entry', 'properties', 'topics', 'items'], { tsType: 'TopicId' }],
  [['$defs', 'entry', 'properties', 'related', 'items'], { title: 'RelatedReference' }],
  [['$defs', 'entry', 'properties', 'related', 'items', 'properties', 'id'], { tsType: 'EntryId' }],
  [['$defs', 'entry', 'properties', 'related', 'items', 'properties', 'relation'], { title: 'Relation' }],
  [['$defs', 'entry', 'properties', 'unverified', 'items'], { title: 'UnverifiedField' }],
  [['$defs', 'entry', 'properties', 'citations'], { title: 'Citations' }],
  [['$defs', 'entry', 'properties', 'citations', 'properties', 'apa'], { title: 'Citation' }],
  [['$defs', 'topic', 'properties', 'id'], { tsType: 'TopicId' }],
  [['$defs', 'topic', 'properties', 'entries', 'items'], { tsType: 'EntryId' }],
  [['$defs', 'note', 'properties', 'sections', 'items'], { title: 'NoteSection' }],
  [
    ['$defs', 'note', 'properties', 'sections', 'items', 'properties', 'items', 'items'],
    { title: 'NoteItem' },
  ],
  [
    [
      '$defs',
      'note',
      'properties',
      'sections',
      'items',
      'properties',
      'items',
      'items',
      'properties',
      'entries',
      'items',
    ],
    { tsType: 'EntryId' },
  ],
];

/** A copy of the published schema with the annotations above. */
function annotatedSchema() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  for (const [path, annotation] of ANNOTATIONS) {
    const node = path.reduce((at, key) => at?.[key], schema);
    if (node === null || typeof node !== 'object') {
      throw new Error(`dataset.schema.json has no ${path.join('.')}: review scripts/lib/module/types.mjs.`);
    }
    Object.assign(node, annotation);
  }
  return schema;
}

/** The interfaces of the schema, mutable, as json-schema-to-typescript writes them. */
async function schemaInterfaces() {
  const { compile } = await import('json-schema-to-typescript');
  return compile(annotatedSchema(), 'Dataset', {
    bannerComment: '',
    additionalProperties: false,
    // The printer below lays the code out; prettier would only be undone.
    format: false,
    strictIndexSignatures: true,
  });
}

/** Makes every property, index signature, array and tuple of the declarations readonly. */
async function readonlyDeep(source) {
  const { default: ts } = await import('typescript');
  const file = ts.createSourceFile('types.d.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const readonly = ts.factory.createModifier(ts.SyntaxKind.ReadonlyKeyword);
  const hasReadonly = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
  const transformer = (context) => {
    const visit = (node) => {
      const visited = ts.visitEachChild(node, visit, context);
      if (ts.isPropertySignature(visited) && !hasReadonly(visited)) {
        return ts.factory.updatePropertySignature(
          visited,
          [...(visited.modifiers ?? []), readonly],
          visited.name,
          visited.questionToken,
          visited.type,
        );
      }
      if (ts.isIndexSignatureDeclaration(visited) && !hasReadonly(visited)) {
        return ts.factory.updateIndexSignature(
          visited,
          [...(visited.modifiers ?? []), readonly],
          visited.parameters,
          visited.type,
        );
      }
      // The rest of a tuple ([A, ...A[]]) stays as it is: the tuple around it is made readonly.
      const parent = node.parent;
      const inRest = parent !== undefined && ts.isRestTypeNode(parent);
      const alreadyReadonly =
        parent !== undefined &&
        ts.isTypeOperatorNode(parent) &&
        parent.operator === ts.SyntaxKind.ReadonlyKeyword;
      if (((ts.isArrayTypeNode(visited) && !inRest) || ts.isTupleTypeNode(visited)) && !alreadyReadonly) {
        return ts.factory.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, visited);
      }
      return visited;
    };
    return (root) => ts.visitNode(root, visit);
  };
  const [out] = ts.transform(file, [transformer]).transformed;
  return ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(out);
}

/** A union of string literals, one per line; `never` when there are none. */
function literalUnion(name, doc, values) {
  const body =
    values.length === 0 ? ' never' : values.map((value) => `\n  | ${JSON.stringify(value)}`).join('');
  return `/** ${doc} */\nexport type ${name} =${body};\n`;
}

/** Changes whenever the interfaces could: the schema, this file, and the versions of the generators. */
function interfacesKey() {
  const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  return createHash('sha256')
    .update(readFileSync(SCHEMA_FILE))
    .update(readFileSync(new URL(import.meta.url)))
    .update(
      `json-schema-to-typescript@${version('json-schema-to-typescript')}|typescript@${version('typescript')}`,
    )
    .digest('hex');
}

/** The readonly interfaces of the published schema, from the cache file when it holds them for this key. */
async function readonlyInterfaces(cacheFile) {
  const key = interfacesKey();
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
      if (cached?.key === key && typeof cached.types === 'string') return cached.types;
    } catch {}
  }
  const types = await readonlyDeep(await schemaInterfaces());
  if (cacheFile) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeIfChanged(cacheFile, JSON.stringify({ key, types }));
  }
  return types;
}

/**
 * The declarations of the published data: EntryId, TopicId and every interface of the published schema,
 * readonly all the way down.
 * @param {{ entries: { id: string }[], topics: { id: string }[] }} dataset the published document
 * @param {{ cacheFile?: string }} [options] where to keep the generated interfaces between builds
 */
export async function dataTypes(dataset, { cacheFile } = {}) {
  return [
    literalUnion(
      'EntryId',
      'The ID of an entry of this release. Lookups accept any string; these are the ones that find something.',
      dataset.entries.map((entry) => entry.id),
    ),
    literalUnion(
      'TopicId',
      'The ID of a topic of this release.',
      dataset.topics.map((topic) => topic.id),
    ),
    await readonlyInterfaces(cacheFile),
  ].join('\n');
}
