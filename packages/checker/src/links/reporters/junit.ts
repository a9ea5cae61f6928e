import { EXIT_FAILING_CLASSES } from '../results/codes.js';
import { describe } from '../results/messages.js';
import { printable } from '../results/printable.js';
import type { LinkReport } from '../results/report.js';
import type { LinkResult } from '../types.js';

/**
 * JUnit XML for CI test dashboards: one test case per URL, grouped in a suite per file. Failures are
 * failures; blocked and skipped links are skipped tests; suspects pass with a note.
 */
export function* formatJunitChunks(report: LinkReport): Generator<string, void, undefined> {
  const suites = new Map<string, LinkResult[]>();
  for (const result of report.results) {
    const file = result.sources[0]?.file ?? '(no source)';
    let list = suites.get(file);
    if (!list) {
      list = [];
      suites.set(file, list);
    }
    list.push(result);
  }
  const s = report.summary;
  const skipped = s.skipped + s.blocked;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="virtbib check" tests="${s.total}" failures="${s.failing}" skipped="${skipped}" time="${seconds(report.durationMs)}">\n`;
  for (const [file, results] of [...suites].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const failures = results.filter((r) => EXIT_FAILING_CLASSES.has(r.class)).length;
    const skips = results.filter((r) => r.class === 'skipped' || r.class === 'blocked').length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    yield `  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failures}" skipped="${skips}" time="${seconds(time)}" timestamp="${xml(report.generatedAt)}">\n`;
    for (const result of results) yield `${testcase(result, file)}\n`;
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function testcase(result: LinkResult, file: string): string {
  const line = result.sources[0]?.line;
  const open = `    <testcase name="${xml(result.url)}" classname="${xml(file)}"${line ? ` file="${xml(file)}" line="${line}"` : ''} time="${seconds(result.durationMs)}"`;
  const { message, hint } = describe(result);
  const body = [message, hint && `hint: ${hint}`, result.detail && `detail: ${result.detail}`]
    .filter(Boolean)
    .map((part) => xml(part as string))
    .join('\n');
  if (EXIT_FAILING_CLASSES.has(result.class))
    return `${open}>\n      <failure type="${xml(result.code)}" message="${xml(message)}">${body}</failure>\n    </testcase>`;
  if (result.class === 'skipped' || result.class === 'blocked')
    return `${open}>\n      <skipped message="${xml(`${result.code}: ${message}`)}"/>\n    </testcase>`;
  if (result.class === 'suspect' || result.suggestion)
    return `${open}>\n      <system-out>${xml(`${result.code}: ${message}`)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Escaped for an XML attribute or text; control characters shown, not passed on. */
function xml(text: string): string {
  return printable(text)
    .replace(/[\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
