import { type CliIo, EXIT } from './io.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Each command's module is imported when the command runs, never before: `virtbib --help` loads nothing
 * but this file, and `validate` never loads the HTTP client of `check`. Start-up time is a benchmark
 * target (bench/startup.bench.mjs), and test/startup.test.ts asserts the module graph.
 */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: {
    summary: 'check the dataset against the schemas and lint rules',
    load: async () => (await import('./commands/validate.js')).validateCommand,
  },
  fmt: {
    summary: 'rewrite data files in the canonical format',
    load: async () => (await import('./commands/fmt.js')).fmtCommand,
  },
  add: {
    summary: 'scaffold a validated entry from a DOI or a BibTeX entry',
    load: async () => (await import('./commands/add.js')).addCommand,
  },
  check: {
    summary: 'check every URL and DOI, politely, with history',
    load: async () => (await import('./commands/check.js')).checkCommand,
  },
  'merge-reports': {
    summary: 'merge the JSON reports of sharded checks',
    load: async () => (await import('./commands/merge-reports.js')).mergeReportsCommand,
  },
  diff: {
    summary: 'say which data release a change needs',
    load: async () => (await import('./commands/diff.js')).diffCommand,
  },
};

const usage = `Usage: virtbib <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(14)} ${summary}`)
  .join('\n')}

Options:
  -h, --help     this summary
  --version      the version of virtbib

Run \`virtbib <command> --help\` for a command's options.`;

/** Runs the CLI and returns the exit code; expected failures become messages, never stack traces. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout.write(`${await version()}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const { didYouMean } = await import('./suggest.js');
    const what = name.startsWith('-') ? 'option' : 'command';
    const names = what === 'option' ? ['--help', '--version'] : Object.keys(commands);
    io.stderr.write(
      `virtbib: unknown ${what} "${name}"${didYouMean(name, names, (s) => `"${s}"`)}\n\n${usage}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    // The error classes live in @virtbib/schema, which every command has loaded by the time it throws.
    const { ConcurrentModificationError, UsageError, WriteError } = await import('@virtbib/schema');
    if (error instanceof UsageError) {
      io.stderr.write(`virtbib ${name}: ${error.message}\nRun \`virtbib ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    // A write the system refused (a full disk, a read-only folder): the old file is whole, nothing to report.
    if (error instanceof WriteError) {
      io.stderr.write(`virtbib ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConcurrentModificationError) {
      io.stderr.write(`virtbib ${name}: ${error.message}\n`);
      return EXIT.findings;
    }
    // An unexpected failure is a bug: say so plainly, keep the detail one line long.
    io.stderr.write(
      `virtbib ${name}: internal error: ${(error as Error).message}\nPlease report this as a bug.\n`,
    );
    return EXIT.usage;
  }
}

async function version(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version as string;
}
