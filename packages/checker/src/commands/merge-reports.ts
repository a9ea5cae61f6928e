import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, writeFileAtomic } from '@virtbib/schema';
import { parse } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { exitCodeOf, mergeReports, parseReport } from '../links/report.js';
import { REPORT_FORMATS, type ReportFormat, render } from '../links/reporters/index.js';

export const mergeReportsHelp = `Usage: virtbib merge-reports <report.json>... [--format <f>] [--output <file>]

Merges the JSON reports of \`virtbib check --shard i/n --format json\` runs into one report.
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
  const reports = positionals.map((name) => {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, name), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${name}: ${(error as Error).message}`);
    }
    return parseReport(text, name);
  });
  const merged = mergeReports(reports);
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
