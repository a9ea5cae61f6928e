import type { Reason } from './bump.js';

type Schema = Record<string, unknown>;

/**
 * Compares two versions of a JSON Schema for what consumers of data valid against it would notice.
 * Narrowing (a property removed or retyped, a new required property, an enum value or a type dropped,
 * a new or stricter pattern) is major; widening (a new optional property, a new enum value) is minor.
 */
export function diffSchemas(name: string, base: Schema, head: Schema, path = ''): Reason[] {
  const reasons: Reason[] = [];
  const at = (p: string) => `${name}${p || ' (root)'}`;
  const props = (s: Schema) => (s.properties ?? {}) as Record<string, Schema>;
  const required = (s: Schema) => new Set((s.required ?? []) as string[]);
  const enumOf = (s: Schema) => (Array.isArray(s.enum) ? (s.enum as unknown[]).map(String) : undefined);
  const types = (s: Schema) =>
    s.type === undefined ? undefined : ([] as unknown[]).concat(s.type).map(String);

  const [oldProps, newProps] = [props(base), props(head)];
  for (const key of Object.keys(oldProps)) {
    if (!(key in newProps))
      reasons.push({ level: 'major', message: `${at(`${path}.${key}`)}: field removed` });
  }
  for (const key of Object.keys(newProps)) {
    if (!(key in oldProps)) {
      const level = required(head).has(key) ? 'major' : 'minor';
      reasons.push({
        level,
        message: `${at(`${path}.${key}`)}: ${level === 'major' ? 'required' : 'optional'} field added`,
      });
    } else {
      reasons.push(...diffSchemas(name, oldProps[key]!, newProps[key]!, `${path}.${key}`));
    }
  }
  for (const key of required(head)) {
    if (key in oldProps && !required(base).has(key))
      reasons.push({ level: 'major', message: `${at(`${path}.${key}`)}: now required` });
  }
  const [oldEnum, newEnum] = [enumOf(base), enumOf(head)];
  if (oldEnum && newEnum) {
    for (const v of oldEnum)
      if (!newEnum.includes(v))
        reasons.push({ level: 'major', message: `${at(path)}: value "${v}" no longer allowed` });
    for (const v of newEnum)
      if (!oldEnum.includes(v))
        reasons.push({ level: 'minor', message: `${at(path)}: value "${v}" now allowed` });
  } else if (!oldEnum && newEnum) {
    reasons.push({ level: 'major', message: `${at(path)}: restricted to a list of values` });
  }
  const [oldTypes, newTypes] = [types(base), types(head)];
  if (oldTypes && newTypes) {
    for (const t of oldTypes)
      if (!newTypes.includes(t))
        reasons.push({ level: 'major', message: `${at(path)}: type ${t} no longer allowed` });
  }
  if (head.pattern !== undefined && head.pattern !== base.pattern) {
    reasons.push({
      level: 'major',
      message: `${at(path)}: pattern ${base.pattern === undefined ? 'added' : 'changed'}`,
    });
  }
  for (const key of ['items', 'else'] as const) {
    if (base[key] && head[key] && typeof base[key] === 'object' && typeof head[key] === 'object') {
      reasons.push(...diffSchemas(name, base[key] as Schema, head[key] as Schema, `${path}[]`));
    }
  }
  // Alternatives (a person is {family, given} or {literal}) are compared branch by branch.
  if (Array.isArray(base.oneOf) && Array.isArray(head.oneOf) && base.oneOf.length === head.oneOf.length) {
    base.oneOf.forEach((branch, i) => {
      reasons.push(...diffSchemas(name, branch as Schema, (head.oneOf as Schema[])[i]!, `${path}|${i}`));
    });
  }
  const [oldDefs, newDefs] = [
    (base.$defs ?? {}) as Record<string, Schema>,
    (head.$defs ?? {}) as Record<string, Schema>,
  ];
  for (const key of Object.keys(oldDefs)) {
    if (newDefs[key]) reasons.push(...diffSchemas(name, oldDefs[key]!, newDefs[key]!, `${path}#${key}`));
  }
  return reasons;
}
