import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, writeFileAtomic } from '@virtbib/schema';
import { parse } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { REPORT_FORMATS, type ReportFormat, render } from '../links/reporters/index.js';
import { exitCodeOf, type LinkReport, mergeReports, parseReport } from '../links/results/report.js';
import { reportShapeProblem } from '../merge/report-shape.js';
import { checkShards } from '../merge/shards.js';

export const mergeReportsHelp = `Usage: virtbib merge-reports <report.json>... [--format <f>] [--output <file>]

Merges the JSON reports of \`virtbib check --shard i/n --format json\` runs into one report. Each shard
is given once (the same shard twice is an error); a shard missing from the split is a warning.
  --format <f>       ${REPORT_FORMATS.join(', ')} (default json)
  --output <file>    write the merged report to a file instead of the terminal
Exit codes: 0 no failing links, 1 failing links, 2 usage error (e.g. a file that is not a report).`;

export async function mergeReportsCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    format: { type: 'string', default: 'json' },
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const values = parsed.values as { format: string; output?: string; help: boolean };
  const { positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${mergeReportsHelp}\n`);
    return EXIT.ok;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}; got "${format}".`);
  if (positionals.length === 0) throw new UsageError('give the JSON reports to merge.');
  const seen = new Map<string, string>();
  const reports = positionals.map((name) => {
    const path = resolve(io.cwd, name);
    const same = seen.get(path);
    if (same !== undefined)
      throw new UsageError(`${name} is given twice${same === name ? '' : ` (as ${same})`}.`);
    seen.set(path, name);
    return { name, report: readReport(path, name) };
  });
  const shards = checkShards(reports.map(({ name, report }) => ({ name, shards: report.shards })));
  if (shards.error) throw new UsageError(shards.error);
  for (const warning of shards.warnings) io.stderr.write(`virtbib merge-reports: warning: ${warning}\n`);
  const merged = mergeReports(reports.map((r) => r.report));
  const text = render(merged, format, { color: Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined });
  if (values.output !== undefined) {
    try {
      writeFileAtomic(resolve(io.cwd, values.output), format === 'text' ? render(merged, 'text') : text);
    } catch (error) {
      throw new UsageError(`cannot write ${values.output}: ${(error as Error).message}`);
    }
  } else io.stdout.write(text);
  return exitCodeOf(merged) === 1 ? EXIT.findings : EXIT.ok;
}

/** A report file, read and checked: anything that is not a well-formed link report is a usage error. */
function readReport(path: string, name: string): LinkReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `${name} does not exist.` : `cannot read ${name}: ${(error as Error).message}`,
    );
  }
  const report = parseReport(text, name);
  const problem = reportShapeProblem(report as unknown as Record<string, unknown>);
  if (problem)
    throw new UsageError(
      `${name} is not a well-formed link report: ${problem}. Merge the files \`virtbib check --format json\` wrote, unchanged.`,
    );
  return report;
}
