import type { ErrorObject } from 'ajv';
import * as firstError from '../../generated/first-error.js';
import * as validators from '../../generated/validators.js';
import type { JsonPath } from '../diagnostics/locate.js';
import type { FileKind } from './schema-order.js';

export interface SchemaFinding {
  code: string;
  /** Where the finding is shown. */
  path: JsonPath;
  /**
   * The value the finding is about: the path, or for a missing field the field's own path. Rules skip what
   * lies under (or above) a finding's scope, so that one mistake is reported once.
   */
  scope: JsonPath;
  target: 'key' | 'value';
  message: string;
  hint: string;
}

const validatorFor = { entry: validators.entry, topics: validators.topics, notes: validators.notes } as const;
// The same schemas, stopping at the first error: a valid file (most are) is passed without the garbage that
// collecting every error makes (see scripts/compile-validators.mjs); only a failing file is checked again.
const passes = { entry: firstError.entry, topics: firstError.topics, notes: firstError.notes } as const;

/** Validates parsed data with the validators compiled at build time and explains each error. */
export function checkSchema(kind: FileKind, data: unknown): SchemaFinding[] {
  if (passes[kind](data)) return [];
  const validate = validatorFor[kind];
  validate(data);
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  for (const error of simplify(validate.errors ?? [])) {
    const finding = explain(error, data);
    // A field required twice (by the schema and by an if/then) is still one missing field.
    const key = `${finding.code}\0${finding.path.join('\0')}\0${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

/** Drops the noise of combinators: the failed branches of a oneOf and the echo of an if/then/else. */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  return errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !(e.schemaPath.includes('/oneOf/') && oneOfPaths.some((p) => e.instancePath.startsWith(p))),
  );
}

function toPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let value = data;
  for (const step of path) value = (value as Record<string | number, unknown> | undefined)?.[step];
  return value;
}

function explain(error: ErrorObject, data: unknown): SchemaFinding {
  const path = toPath(error.instancePath);
  const where = path.length ? `\`${path.join('.')}\`` : 'The document';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        code: 'schema-required',
        path,
        scope: [...path, String(params.missingProperty)],
        target: 'key',
        message: `${where} is missing the required field \`${String(params.missingProperty)}\`.`,
        hint: `Add \`${String(params.missingProperty)}:\`; see packages/data/README.md for the field reference.`,
      };
    case 'additionalProperties':
      return {
        code: 'schema-unknown-field',
        path: [...path, String(params.additionalProperty)],
        scope: [...path, String(params.additionalProperty)],
        target: 'key',
        message: `Unknown field \`${String(params.additionalProperty)}\`.`,
        hint: 'Check the spelling against the field reference in packages/data/README.md; fields are camelCase.',
      };
    case 'type':
      return {
        code: 'schema-type',
        path,
        scope: path,
        target: 'value',
        message: `${where} must be ${article(String(params.type))}.`,
        hint:
          params.type === 'string'
            ? 'Quote the value ("...") so YAML reads it as text.'
            : params.type === 'integer'
              ? 'Write a whole number without quotes.'
              : 'Check the indentation: YAML infers the type from the layout.',
      };
    case 'enum':
      return {
        code: 'schema-enum',
        path,
        scope: path,
        target: 'value',
        message: `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`,
        hint: 'Use one of the listed values exactly as written.',
      };
    case 'oneOf':
      return {
        code: 'schema-shape',
        path,
        scope: path,
        target: 'value',
        message: `${where} must be either { family, given } or { literal }.`,
        hint: 'People have `family` (and usually `given`); organizations have only `literal`.',
      };
    case 'format':
    case 'pattern':
      return {
        code: 'schema-format',
        path,
        scope: path,
        target: 'value',
        message: `${where} is not a valid ${error.keyword === 'format' ? String(params.format) : 'value'} (${error.message ?? ''}).`,
        hint: path.includes('pages')
          ? 'Write a page range as 164-177.'
          : 'Check the value against the field reference.',
      };
    case 'uniqueItems': {
      // Point at the later copy, with its value, rather than at the list.
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const value = valueAt(data, [...path, later]);
      const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
      return {
        code: 'schema-constraint',
        path: [...path, later],
        scope: [...path, later],
        target: 'value',
        message: `${where} lists ${shown} twice: item ${later + 1} duplicates item ${earlier + 1}.`,
        hint: 'Remove the second copy.',
      };
    }
    default:
      return {
        code: 'schema-constraint',
        path,
        scope: path,
        target: 'value',
        message: `${where} ${error.message ?? 'is invalid'}.`,
        hint: 'See the field reference in packages/data/README.md.',
      };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
