import type { ErrorObject } from 'ajv';
import * as validators from '../generated/validators.js';
import type { JsonPath } from './locate.js';
import type { FileKind } from './schema-order.js';

export interface SchemaFinding {
  code: string;
  path: JsonPath;
  target: 'key' | 'value';
  message: string;
  hint: string;
}

const validatorFor = { entry: validators.entry, topics: validators.topics, notes: validators.notes } as const;

/** Validates parsed data with the validators compiled at build time and explains each error. */
export function checkSchema(kind: FileKind, data: unknown): SchemaFinding[] {
  const validate = validatorFor[kind];
  if (validate(data)) return [];
  return simplify(validate.errors ?? []).map(explain);
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

function explain(error: ErrorObject): SchemaFinding {
  const path = toPath(error.instancePath);
  const where = path.length ? `\`${path.join('.')}\`` : 'The document';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        code: 'schema-required',
        path,
        target: 'key',
        message: `${where} is missing the required field \`${String(params.missingProperty)}\`.`,
        hint: `Add \`${String(params.missingProperty)}:\`; see packages/data/README.md for the field reference.`,
      };
    case 'additionalProperties':
      return {
        code: 'schema-unknown-field',
        path: [...path, String(params.additionalProperty)],
        target: 'key',
        message: `Unknown field \`${String(params.additionalProperty)}\`.`,
        hint: 'Check the spelling against the field reference in packages/data/README.md; fields are camelCase.',
      };
    case 'type':
      return {
        code: 'schema-type',
        path,
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
        target: 'value',
        message: `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`,
        hint: 'Use one of the listed values exactly as written.',
      };
    case 'oneOf':
      return {
        code: 'schema-shape',
        path,
        target: 'value',
        message: `${where} must be either { family, given } or { literal }.`,
        hint: 'People have `family` (and usually `given`); organizations have only `literal`.',
      };
    case 'format':
    case 'pattern':
      return {
        code: 'schema-format',
        path,
        target: 'value',
        message: `${where} is not a valid ${error.keyword === 'format' ? String(params.format) : 'value'} (${error.message ?? ''}).`,
        hint: path.includes('pages')
          ? 'Write a page range as 164-177.'
          : 'Check the value against the field reference.',
      };
    default:
      return {
        code: 'schema-constraint',
        path,
        target: 'value',
        message: `${where} ${error.message ?? 'is invalid'}.`,
        hint: 'See the field reference in packages/data/README.md.',
      };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
