import { ConcurrentModificationError, UsageError } from '@virtbib/schema';
import { addCommand, addHelp } from './commands/add.js';
import { checkCommand, checkHelp } from './commands/check.js';
import { diffCommand, diffHelp } from './commands/diff.js';
import { fmtCommand, fmtHelp } from './commands/fmt.js';
import { mergeReportsCommand, mergeReportsHelp } from './commands/merge-reports.js';
import { validateCommand, validateHelp } from './commands/validate.js';
import { type CliIo, EXIT } from './io.js';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; help: string; summary: string }> = {
  validate: {
    run: validateCommand,
    help: validateHelp,
    summary: 'check the dataset against the schemas and lint rules',
  },
  fmt: { run: fmtCommand, help: fmtHelp, summary: 'rewrite data files in the canonical format' },
  add: { run: addCommand, help: addHelp, summary: 'scaffold a validated entry from a DOI or a BibTeX entry' },
  check: { run: checkCommand, help: checkHelp, summary: 'check every URL and DOI, politely, with history' },
  'merge-reports': {
    run: mergeReportsCommand,
    help: mergeReportsHelp,
    summary: 'merge the JSON reports of sharded checks',
  },
  diff: { run: diffCommand, help: diffHelp, summary: 'say which data release a change needs' },
};

const usage = `Usage: virtbib <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(14)} ${summary}`)
  .join('\n')}

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
  const command = commands[name];
  if (!command) {
    io.stderr.write(`virtbib: unknown command "${name}".\n\n${usage}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`virtbib ${name}: ${error.message}\nRun \`virtbib ${name} --help\` for usage.\n`);
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
