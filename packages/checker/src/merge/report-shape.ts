import { CODES, LINK_CLASSES } from '../links/results/codes.js';

/**
 * The shape of a link report as the reporters read it, checked field by field so that a report edited by
 * hand, cut short or written by another version is refused with the field at fault rather than crashing a
 * reporter (an unknown code has no words; a result without `sources` has no place to show). Returns the
 * first problem as `results[3].sources: ...`, or undefined for a well-formed report.
 */
export function reportShapeProblem(data: Record<string, unknown>): string | undefined {
  if (!Array.isArray(data.shards) || !data.shards.every(isShard))
    return 'shards: must be a list of shards such as "1/4" (empty for an unsharded run)';
  if (!isCount(data.minFailures)) return 'minFailures: must be a whole number';
  if (!isAmount(data.durationMs)) return 'durationMs: must be a number of milliseconds';
  const results = data.results as unknown[];
  for (const [i, result] of results.entries()) {
    const problem = resultProblem(result as Record<string, unknown>);
    if (problem) return `results[${i}]${problem}`;
  }
  return undefined;
}

export const SHARD = /^([1-9]\d*)\/([1-9]\d*)$/;
const isShard = (v: unknown) => {
  const match = typeof v === 'string' ? SHARD.exec(v) : null;
  return match !== null && Number(match[1]) <= Number(match[2]);
};

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isAmount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown) => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const CLASSES = new Set<string>(LINK_CLASSES);

/** Each optional field of a result, with its test and what it must be. */
const OPTIONAL: Record<string, [(v: unknown) => boolean, string]> = {
  status: [isCount, 'a whole number'],
  finalUrl: [isText, 'text'],
  detail: [isText, 'text'],
  consecutiveFailures: [isCount, 'a whole number'],
  observed: [(v) => CLASSES.has(v as string), `one of ${LINK_CLASSES.join(', ')}`],
  cached: [(v) => typeof v === 'boolean', 'true or false'],
  suggestion: [(v) => isRecord(v) && isText(v.url) && isText(v.reason), 'a {url, reason}'],
  mismatches: [
    (v) =>
      Array.isArray(v) &&
      v.every((m) => isRecord(m) && isText(m.field) && isText(m.entry) && isText(m.registry)),
    'a list of {field, entry, registry}',
  ],
};

function resultProblem(result: Record<string, unknown>): string | undefined {
  if (!isRecord(result)) return ': must be a result object';
  // Own keys only: a code such as "constructor" must not be found on Object.prototype.
  if (!isText(result.code) || !Object.hasOwn(CODES, result.code as string))
    return `.code: "${String(result.code)}" is not a code of virtbib check (see the README's table of codes)`;
  if (
    !Array.isArray(result.sources) ||
    !result.sources.every(
      (s) =>
        isRecord(s) &&
        isText(s.file) &&
        isCount(s.line) &&
        (s.column === undefined || isCount(s.column)) &&
        (s.field === undefined || isText(s.field)),
    )
  )
    return '.sources: must be a list of places {file, line}';
  if (
    !Array.isArray(result.redirects) ||
    !result.redirects.every((h) => isRecord(h) && isText(h.url) && isCount(h.status))
  )
    return '.redirects: must be a list of {url, status}';
  for (const key of ['attempts', 'requests'] as const)
    if (!isCount(result[key])) return `.${key}: must be a whole number`;
  if (!isAmount(result.durationMs)) return '.durationMs: must be a number of milliseconds';
  for (const [key, [fits, what]] of Object.entries(OPTIONAL))
    if (result[key] !== undefined && !fits(result[key])) return `.${key}: must be ${what}`;
  return undefined;
}
