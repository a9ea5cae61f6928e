import entrySchema from '../../schemas/entry.schema.json' with { type: 'json' };
import notesSchema from '../../schemas/notes.schema.json' with { type: 'json' };
import topicsSchema from '../../schemas/topics.schema.json' with { type: 'json' };
import type { JsonPath } from '../diagnostics/locate.js';

/** The kinds of authored file; each has its schema, which also fixes the canonical key order. */
export type FileKind = 'entry' | 'topics' | 'notes';

type SchemaNode = Record<string, unknown>;
const roots: Record<FileKind, SchemaNode> = {
  entry: entrySchema as SchemaNode,
  topics: topicsSchema as SchemaNode,
  notes: notesSchema as SchemaNode,
};

function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  let target: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) target = (target as SchemaNode)[part];
  return target as SchemaNode;
}

const cache = new Map<string, readonly string[] | undefined>();

/** Property names in schema order for the mapping at `path`, or undefined where the schema has none. */
export function keyOrderAt(kind: FileKind, path: JsonPath): readonly string[] | undefined {
  // Every item of an array has the same schema, so indices collapse into one cache key.
  return keyOrderForShape(
    kind,
    [kind, ...path.map((step) => (typeof step === 'number' ? '*' : step))].join('/'),
    path,
  );
}

/** The same, for a path already reduced to its shape key (`entry/authors/*`). */
function keyOrderForShape(kind: FileKind, key: string, path: JsonPath): readonly string[] | undefined {
  if (cache.has(key)) return cache.get(key);
  const order = computeKeyOrder(kind, path);
  cache.set(key, order);
  return order;
}

/**
 * One node of a file kind's shape: the rank of each key the schema orders at this place, and the shapes
 * below it, built when first visited. Walking 100k entries through these nodes builds no path or key
 * string per mapping, which cost more than the check itself.
 */
export class Shape {
  /** Rank of each key in schema order; undefined where the schema has no properties here. */
  readonly ranks: ReadonlyMap<string, number> | undefined;
  private readonly children = new Map<string, Shape>();
  private itemShape: Shape | undefined;

  constructor(
    private readonly kind: FileKind,
    private readonly path: JsonPath,
  ) {
    const order = computeKeyOrder(kind, path);
    this.ranks = order && new Map(order.map((key, rank) => [key, rank]));
  }

  child(key: string): Shape {
    let shape = this.children.get(key);
    if (!shape) {
      shape = new Shape(this.kind, [...this.path, key]);
      this.children.set(key, shape);
    }
    return shape;
  }

  items(): Shape {
    this.itemShape ??= new Shape(this.kind, [...this.path, 0]);
    return this.itemShape;
  }
}

const shapes = new Map<FileKind, Shape>();
/** The shape of a whole file of this kind. */
export function shapeOf(kind: FileKind): Shape {
  let shape = shapes.get(kind);
  if (!shape) {
    shape = new Shape(kind, []);
    shapes.set(kind, shape);
  }
  return shape;
}

function computeKeyOrder(kind: FileKind, path: JsonPath): readonly string[] | undefined {
  const root = roots[kind];
  let node: SchemaNode | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    node = deref(root, node);
    if (typeof step === 'number') node = node.items as SchemaNode | undefined;
    else node = (propertiesOf(root, node) as Record<string, SchemaNode> | undefined)?.[step];
  }
  return node ? Object.keys(propertiesOf(root, deref(root, node)) ?? {}) : undefined;
}

function propertiesOf(root: SchemaNode, node: SchemaNode): Record<string, unknown> | undefined {
  if (node.properties) return node.properties as Record<string, unknown>;
  // A oneOf of object shapes (a person is {family, given} or {literal}): the union of their properties.
  if (Array.isArray(node.oneOf)) {
    return Object.assign({}, ...node.oneOf.map((branch) => propertiesOf(root, deref(root, branch)) ?? {}));
  }
  return undefined;
}
