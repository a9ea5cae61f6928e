import type { LinkReport } from '../report.js';

/**
 * The report as JSON: documented in the README, read back by `virtbib merge-reports`. Produced a result
 * at a time, so that a report of millions of URLs never has to be one string; the text is the same as
 * `JSON.stringify(report, null, 2)`.
 */
export function* formatJsonChunks(report: LinkReport): Generator<string, void, undefined> {
  const { results, ...head } = report;
  const opening = JSON.stringify({ ...head, results: [] }, null, 2);
  // `"results": []` closes the head; the results go between its brackets.
  yield `${opening.slice(0, opening.lastIndexOf('[') + 1)}`;
  for (let i = 0; i < results.length; i++) {
    // Nested two levels deep (report > results); JSON strings never hold a raw newline.
    const item = JSON.stringify(results[i], null, 2).replace(/\n/g, '\n    ');
    yield `${i === 0 ? '' : ','}\n    ${item}`;
  }
  yield results.length === 0 ? ']\n}\n' : '\n  ]\n}\n';
}
