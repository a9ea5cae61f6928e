import type { LinkReport } from '../results/report.js';

/** Results serialized per JSON.stringify call: few calls, and no piece holding the whole report. */
const BATCH = 256;

/**
 * The report as JSON: documented in the README, read back by `virtbib merge-reports`. Produced in pieces,
 * so that a report of millions of URLs never has to be one string; the text is the same as
 * `JSON.stringify(report, null, 2)`.
 */
export function* formatJsonChunks(report: LinkReport): Generator<string, void, undefined> {
  const { results, ...head } = report;
  const opening = JSON.stringify({ ...head, results: [] }, null, 2);
  // `"results": []` closes the head; the results go between its brackets.
  yield opening.slice(0, opening.lastIndexOf('[') + 1);
  for (let start = 0; start < results.length; start += BATCH) {
    // A batch stringified where the results stand in the report (two levels deep), without its wrapper:
    // `{\n  "r": [\n` before it, `\n  ]\n}` after.
    const wrapped = JSON.stringify({ r: results.slice(start, start + BATCH) }, null, 2);
    const items = wrapped.slice(wrapped.indexOf('[') + 2, wrapped.length - 6);
    yield `${start === 0 ? '' : ','}\n${items}`;
  }
  yield results.length === 0 ? ']\n}\n' : '\n  ]\n}\n';
}
