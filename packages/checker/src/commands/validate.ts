import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  displayPrefix,
  formatGithub,
  formatJson,
  formatText,
  REPORTERS,
  type ReporterName,
  removeDatasetTemporaries,
  summarize,
  UsageError,
  type ValidateSummary,
  validateDataset,
  WriteError,
} from '@virtbib/schema';
import { parse } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { resolveDatasetDir } from '../locate-dataset.js';

export const validateHelp = `Usage: virtbib validate [dir] [--format text|json|github] [--fix]

Checks every entry, topics.yaml and the notes against the schemas and the lint rules.
  dir            the dataset directory (default: packages/data of this repository)
  --format       text (default), json, or github (annotations for GitHub Actions)
  --fix          repair what fixable rules can (key order, layout, DOI normalization), atomically
  --cache        reuse the results of files that did not change since the last --cache run, kept in
                 <dir>/node_modules/.cache/virtbib/validate.cache (for your own working copy, not for
                 checkouts of changes you have not read: a checkout could bring a cache file of its own)
Paths in the report are relative to the working directory.
Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage error.`;

export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string', default: 'text' },
    fix: { type: 'boolean', default: false },
    cache: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${validateHelp}\n`);
    return EXIT.ok;
  }
  const format = values.format as ReporterName;
  if (!REPORTERS.includes(format))
    throw new UsageError(`--format must be one of ${REPORTERS.join(', ')}; got "${format}".`);
  if (positionals.length > 1) throw new UsageError('validate takes at most one directory.');
  const dir = resolveDatasetDir(io.cwd, positionals[0]);
  // Paths are shown from where the command runs, so they open (and click, in editors and CI) from there.
  const pathPrefix = displayPrefix(io.cwd, dir);
  const fix = values.fix as boolean;
  if (fix) for (const file of removeDatasetTemporaries(dir)) io.stdout.write(`removed ${file}\n`);
  let result: ValidateSummary;
  try {
    result = await validateDataset(dir, {
      fix,
      // The command only reports: the parsed files need not stay in memory.
      keepData: false,
      ...(values.cache && { cache: join(dir, 'node_modules', '.cache', 'virtbib', 'validate.cache') }),
    });
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    io.stderr.write(`virtbib validate: ${error.message}\n`);
    return EXIT.usage;
  }
  const { diagnostics, notChecked } = result;
  const { errors } = summarize(diagnostics);
  if (format === 'json') io.stdout.write(formatJson(diagnostics, { pathPrefix, notChecked }));
  else if (format === 'github') io.stdout.write(formatGithub(diagnostics, pathPrefix));
  else {
    io.stdout.write(
      formatText(diagnostics, {
        color: Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined,
        pathPrefix,
        notChecked,
        readText: (file) => readSafe(join(dir, file)),
      }),
    );
    for (const file of result.fixed) io.stdout.write(`fixed ${pathPrefix}${file}\n`);
    const reused = result.cachedCount > 0 ? ` (${result.cachedCount} unchanged since the cached run)` : '';
    io.stdout.write(`checked ${result.fileCount} files in ${relative(io.cwd, dir) || '.'}${reused}\n`);
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}

function readSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
