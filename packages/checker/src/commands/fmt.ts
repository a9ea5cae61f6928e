import { join } from 'node:path';
import {
  type Diagnostic,
  displayPrefix,
  findOrderProblem,
  formatText,
  formatYaml,
  listDatasetFiles,
  MAX_FILE_BYTES,
  MAX_TOPICS_FILE_BYTES,
  readSource,
  removeDatasetTemporaries,
  textOf,
  UsageError,
  WriteError,
  writeFileAtomic,
} from '@virtbib/schema';
import { parse } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { resolveDatasetDir } from '../locate-dataset.js';

export const fmtHelp = `Usage: virtbib fmt [dir] [--check]

Rewrites entries, topics.yaml and notes in the canonical format: keys in schema order, two-space
indentation, no trailing blanks, no byte-order mark. Comments are kept; files are written atomically and
never over a file that changed since it was read. Temporary files left by an interrupted run are removed.
  --check        write nothing; list the files that would change and exit 1 if there are any`;

export async function fmtCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${fmtHelp}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError('fmt takes at most one directory.');
  const dir = resolveDatasetDir(io.cwd, positionals[0]);
  const pathPrefix = displayPrefix(io.cwd, dir);
  if (!values.check) for (const file of removeDatasetTemporaries(dir)) io.stdout.write(`removed ${file}\n`);
  const unreadable: Diagnostic[] = [];
  const changed: string[] = [];
  for (const { kind, file } of listDatasetFiles(dir)) {
    const limit = kind === 'topics' ? MAX_TOPICS_FILE_BYTES : MAX_FILE_BYTES;
    const { source, diagnostics } = readSource(join(dir, file), file, limit, dir);
    // A missing topics.yaml is validation's finding; there is nothing to format.
    const blocking = diagnostics.filter((d) => d.code !== 'bom' && d.code !== 'file-missing');
    if (!source || source.data === undefined || blocking.length > 0) {
      unreadable.push(...blocking);
      continue;
    }
    const canonical = !source.hasBom && !findOrderProblem(kind, source.data) && !source.layout;
    if (canonical) continue;
    changed.push(file);
    if (!values.check) {
      try {
        // source.path is the file itself, also when the dataset links to it: the link stays a link.
        writeFileAtomic(
          source.path,
          formatYaml(kind, textOf(source)),
          (source.hasBom ? '\uFEFF' : '') + textOf(source),
        );
      } catch (error) {
        if (!(error instanceof WriteError)) throw error;
        io.stderr.write(`virtbib fmt: ${error.message}\n`);
        return EXIT.usage;
      }
    }
  }
  if (unreadable.length > 0) io.stderr.write(formatText(unreadable, { pathPrefix }));
  for (const file of changed)
    io.stdout.write(`${values.check ? 'would reformat' : 'formatted'} ${pathPrefix}${file}\n`);
  if (changed.length === 0 && unreadable.length === 0)
    io.stdout.write('all files are in the canonical format\n');
  return unreadable.length > 0 || (values.check && changed.length > 0) ? EXIT.findings : EXIT.ok;
}
