import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Entry, UsageError, writeFileAtomic } from '@virtbib/schema';
import { writeArchivedCopies } from '../archive/fix.js';
import { parse } from '../args.js';
import { RegistryClient } from '../doi/client.js';
import { type CliIo, EXIT } from '../io.js';
import { urlKey } from '../links/group.js';
import { boundHeapGrowth } from '../links/heap-growth.js';
import { InterruptedError } from '../links/http/errors.js';
import { checkInternalLinks } from '../links/internal.js';
import {
  formatResult,
  formatSummary,
  REPORT_FORMATS,
  type ReportFormat,
  renderChunks,
} from '../links/reporters/index.js';
import { Progress } from '../links/reporters/progress.js';
import { printable } from '../links/results/printable.js';
import { exitCodeOf } from '../links/results/report.js';
import { RUN_DEFAULTS, type RunOutcome, runCheck } from '../links/run.js';
import { changedFilesSince } from '../links/setup/changed.js';
import { type CheckConfig, findConfig, loadConfig, validateConfig } from '../links/setup/config.js';
import { unusedExcludes } from '../links/setup/exclude.js';
import { DEFAULTS } from '../links/setup/options.js';
import { parseShard, shardOf } from '../links/setup/shard.js';
import { readDatasetInputs } from '../links/sources/dataset.js';
import { isDatasetInput, readInputs } from '../links/sources/index.js';
import type { InternalLink, LinkInput, Source } from '../links/types.js';
import { resolveDatasetDir } from '../locate-dataset.js';

export const STATE_FILE = '.virtbib-state.json';

export const checkHelp = `Usage: virtbib check [inputs...] [options]

Checks every URL once, politely, and reports dead links with file and line.
  inputs                 datasets (directories with an entries/ folder), Markdown (.md) and HTML (.html)
                         files or directories of them, URL lists (one per line); default: the dataset
                         of this repository (urls.*, provenance.verifiedWith and the DOIs)
  --format <f>           ${REPORT_FORMATS.join(', ')} (default text)
  --output <file>        write the report to a file; the terminal still gets the text summary
  --config <file>        settings file (default: virtbib.config.json at the repository root)
  --concurrency <n>      requests in flight in total (default ${DEFAULTS.concurrency})
  --host-concurrency <n> requests in flight per host (default ${DEFAULTS.hostConcurrency})
  --host-interval <ms>   minimum time between two requests to a host (default ${DEFAULTS.hostInterval})
  --timeout <ms>         connect, headers and body timeout of a request (default ${DEFAULTS.timeout})
  --retries <n>          retries of transient failures: timeouts, resets, 5xx, 429 (default ${DEFAULTS.retries})
  --budget <ms>          time for the whole run; URLs not done by then are skipped (default ${DEFAULTS.budget})
  --min-failures <n>     failing runs in a row before a link counts as broken; before that it is
                         suspect (default ${RUN_DEFAULTS.minFailures}; the nightly run uses 2)
  --state <file>         history of results (default ${STATE_FILE} at the repository root)
  --cache-ttl <ms>       skip links that succeeded less than this long ago (default ${RUN_DEFAULTS.cacheTtl}; 0: off)
  --changed-since <ref>  only URLs in files changed since a git ref
  --shard <i/n>          only the hosts of shard i of n; combine the reports with merge-reports
  --allow-private        allow private, loopback and link-local addresses (refused by default; only this
                         flag can allow them, never the config file)
  --no-doi               do not verify DOIs (by default each DOI is checked at the registry: it must exist
                         and its metadata must match the entry's title, year and first author)
  --doi-resolver <url>   DOI resolver base for the handle API and content negotiation (default https://doi.org)
  --wayback-api <url>    Wayback availability API base, asked for an archived copy of each broken link
                         (default https://archive.org)
  --mailto <address>     contact sent to registries in the User-Agent (default: $VIRTBIB_MAILTO)
  --fix                  write the archived copy of each link broken in this run into its entry as
                         urls.archived (atomically, comments kept); the original URL stays
  --no-progress          no progress bar (shown on a terminal otherwise)
  --internal-only        check only the relative links of Markdown and HTML inputs, on disk (no request
                         is made): a built site's own links
  --base-path <path>     the path a site is served under (e.g. /virtbib/): root-relative links that start
                         with it point into the folder checked (default /)
Exit codes: 0 no failing links, 1 failing links (broken, or timeout/error, after --min-failures runs
in a row; invalid URLs), 2 usage or configuration error, 3 offline (no host name resolved: nothing
was recorded or changed), 130 interrupted (Ctrl+C; the history and the report are written).`;

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string' },
  config: { type: 'string' },
  concurrency: { type: 'string' },
  'host-concurrency': { type: 'string' },
  'host-interval': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  budget: { type: 'string' },
  'min-failures': { type: 'string' },
  state: { type: 'string' },
  'cache-ttl': { type: 'string' },
  'changed-since': { type: 'string' },
  shard: { type: 'string' },
  'allow-private': { type: 'boolean' },
  'no-doi': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  'internal-only': { type: 'boolean' },
  'base-path': { type: 'string' },
  'doi-resolver': { type: 'string' },
  'wayback-api': { type: 'string' },
  mailto: { type: 'string' },
  fix: { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Flags that take a number, with the config setting each one overrides. */
const NUMERIC_FLAGS = {
  concurrency: 'concurrency',
  'host-concurrency': 'hostConcurrency',
  'host-interval': 'hostInterval',
  timeout: 'timeout',
  retries: 'retries',
  budget: 'budget',
  'min-failures': 'minFailures',
  'cache-ttl': 'cacheTtl',
} as const satisfies Record<string, keyof CheckConfig>;

/** Exit status when every host name failed to resolve: the machine is offline, nothing was changed. */
export const EXIT_OFFLINE = 3;
/** Exit status after Ctrl+C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  // The run's budget counts from here: reading the inputs is part of the run.
  const startedAt = Date.now();
  const parsed = parse(argv, OPTIONS);
  const values = parsed.values as Partial<
    Record<Exclude<keyof typeof OPTIONS, 'allow-private' | 'help'>, string>
  > & {
    'allow-private'?: boolean;
    'no-doi'?: boolean;
    'no-progress'?: boolean;
    'internal-only'?: boolean;
    fix?: boolean;
    help?: boolean;
  };
  const { positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${checkHelp}\n`);
    return EXIT.ok;
  }
  const configPath = values.config ? resolve(io.cwd, values.config) : findConfig(io.cwd);
  const config = configPath ? loadConfig(configPath) : {};
  const settings: CheckConfig = { ...config, ...flagSettings(values) };
  const format = settings.format ?? 'text';
  const root = configPath ? dirname(configPath) : repositoryRoot(io.cwd);
  // A state path from a flag is relative to where the command runs; one from the config, to the config.
  const statePath = values.state
    ? resolve(io.cwd, values.state)
    : resolve(configPath && config.state ? dirname(configPath) : root, config.state ?? STATE_FILE);
  const shard = settings.shard ? parseShard(settings.shard) : undefined;
  // Checked before the first request: a report that cannot be written is found out now, not after an
  // hour of checking and a history already moved on.
  const output = values.output !== undefined ? resolve(io.cwd, values.output) : undefined;
  if (output !== undefined) assertWritable(output, values.output!);

  let only: ((file: string) => boolean) | undefined;
  if (settings.changedSince) {
    const changed = changedFilesSince(settings.changedSince, io.cwd);
    only = (file) => changed.has(file);
  }
  const paths = positionals.length > 0 ? positionals : [resolveDatasetDir(io.cwd)];
  const internalOnly = values['internal-only'] === true;
  const doiEnabled = settings.doi !== false && !internalOnly;
  // Relative links of Markdown and HTML inputs: checked on disk, beside the documents.
  const internalLinks: InternalLink[] = [];
  const doiEntries = new Map<string, Entry>();
  // A dataset (a directory with entries/) is read once for its URLs and its DOIs; other inputs
  // (Markdown, HTML, folders of them, URL lists) have only URLs.
  let inputs: LinkInput[] = paths.flatMap((path) => {
    const absolute = resolve(io.cwd, path);
    if (!existsSync(absolute) || !isDatasetInput(absolute))
      return readInputs(path, io.cwd, only, internalLinks);
    if (internalOnly) return [];
    const found = readDatasetInputs(absolute, io.cwd, only);
    if (!doiEnabled) return found.links;
    for (const [file, entry] of found.entries) doiEntries.set(file, entry);
    return [...found.links, ...found.dois];
  });
  if (internalOnly) inputs = [];
  if (shard) inputs = inputs.filter((input) => shardOf(input.url, shard.count) === shard.index);
  // Internal links belong to shard 1, like every URL without a host.
  const internal =
    !shard || shard.index === 1
      ? checkInternalLinks(internalLinks, io.cwd, {
          ...(values['base-path'] !== undefined && { basePath: values['base-path'] }),
        })
      : [];

  const warn = (text: string) => io.stderr.write(`virtbib check: warning: ${printable(text)}\n`);
  if (!settings.changedSince && !shard)
    for (const rule of unusedExcludes(
      settings.exclude ?? [],
      inputs.map((i) => i.url.trim()),
    ))
      warn(
        `the exclude "${Object.hasOwn(rule, 'host') ? (rule as { host: string }).host : (rule as { pattern: string }).pattern}" (${rule.reason}) matches no URL; remove it`,
      );

  const color = Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined;
  const streamText = format === 'text' || output !== undefined;
  const stderr = io.stderr as CliIo['stderr'] & { columns?: number };
  const progress =
    stderr.isTTY && !values['no-progress']
      ? new Progress(stderr, new Set(inputs.map((i) => urlKey(i.url))).size, () => stderr.columns)
      : undefined;
  const mailto = settings.mailto ?? io.env.VIRTBIB_MAILTO;
  const registry = new RegistryClient({
    ...(settings.doiResolver !== undefined && { resolver: settings.doiResolver }),
    ...(mailto !== undefined && { mailto }),
    allowPrivate: settings.allowPrivate ?? false,
    ...(settings.timeout !== undefined && { timeout: settings.timeout }),
    ...(settings.retries !== undefined && { retries: settings.retries }),
  });
  const waybackApi = settings.waybackApi ?? 'https://archive.org';

  // Ctrl+C stops the run but keeps what it learned: the history and the report are still written. A
  // second Ctrl+C quits at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    progress?.clear();
    io.stderr.write(
      '\nvirtbib check: interrupted; writing the history and the report (Ctrl+C again to quit now)\n',
    );
    interrupt.abort(new InterruptedError('the run was interrupted'));
  };
  process.on('SIGINT', onSigint);
  let outcome: RunOutcome;
  try {
    boundHeapGrowth();
    outcome = await runCheck(
      handOver(inputs),
      {
        ...withoutRegistrySettings(settings),
        statePath,
        startedAt,
        signal: interrupt.signal,
        shards: shard ? [`${shard.index}/${shard.count}`] : [],
        ...(doiEnabled && { doi: { client: registry, entries: doiEntries } }),
        wayback: { client: registry, base: waybackApi },
        internal,
      },
      (result) => {
        const line = streamText ? formatResult(result, color) : '';
        if (line) progress ? progress.print(io.stdout, line) : io.stdout.write(line);
        progress?.update(result.class);
      },
    );
  } finally {
    process.off('SIGINT', onSigint);
    progress?.clear();
    await registry.close();
  }
  const { report, warnings, offline, interrupted } = outcome;
  for (const warning of warnings) warn(warning);

  if (offline) {
    if (streamText) io.stdout.write(formatSummary(report));
    io.stderr.write(
      `virtbib check: ${printable(offline)}.\nNothing was changed: the state file, the entries and ${output ? 'the report file are' : 'everything else is'} as they were. Check the network and run again.\n`,
    );
    return EXIT_OFFLINE;
  }
  if (values.fix && !interrupted) {
    for (const fixed of writeArchivedCopies(report, io.cwd, waybackApi))
      io.stderr.write(`virtbib check: ${printable(fixed)}\n`);
  }
  const sourceUrl = githubSourceUrl(io.env);
  if (output !== undefined) {
    try {
      writeFileAtomic(output, renderChunks(report, format, { sourceUrl }));
    } catch (error) {
      throw new UsageError(`cannot write ${values.output}: ${(error as Error).message}`);
    }
  }
  if (streamText) io.stdout.write(formatSummary(report));
  else writeChunks(io.stdout, renderChunks(report, format, { color, sourceUrl }));
  if (interrupted) return EXIT_INTERRUPTED;
  return exitCodeOf(report) === 1 ? EXIT.findings : EXIT.ok;
}

/**
 * The inputs one by one, each let go of as it is taken: the run groups them by URL and keeps only that,
 * so that a million inputs are not held twice while they are checked.
 */
function* handOver<T>(items: T[]): Generator<T, void, undefined> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    (items as (T | undefined)[])[i] = undefined;
    yield item;
  }
}

/** Writes pieces to a stream in batches of about 64 KiB: few writes, and never one string of it all. */
function writeChunks(stream: CliIo['stdout'], chunks: Iterable<string>): void {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= 64 * 1024) {
      stream.write(batch);
      batch = '';
    }
  }
  if (batch) stream.write(batch);
}

/**
 * Refuses an output path that cannot be written: its folder must exist, and a file must be creatable in
 * it (tried with an exclusively created, at once removed, temporary file).
 */
function assertWritable(path: string, shown: string): void {
  const dir = dirname(path);
  let folder: ReturnType<typeof statSync>;
  try {
    folder = statSync(dir);
  } catch {
    throw new UsageError(`cannot write ${shown}: the folder ${dirname(shown)} does not exist.`);
  }
  if (!folder.isDirectory())
    throw new UsageError(`cannot write ${shown}: ${dirname(shown)} is not a folder.`);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new UsageError(`cannot write ${shown}: it is a folder.`);
  const probe = join(dir, `.virtbib-check-${randomBytes(6).toString('hex')}.tmp`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
  }
}

/** The check settings minus those that configure the registry client rather than the run. */
function withoutRegistrySettings(settings: CheckConfig) {
  const { doi: _doi, doiResolver: _resolver, waybackApi: _wayback, mailto: _mailto, ...rest } = settings;
  return rest;
}

/** Turns the flags given into config settings, validated by the same rules as the config file. */
function flagSettings(values: Record<string, string | boolean | undefined>): CheckConfig {
  const flags: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(NUMERIC_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()))
      throw new UsageError(`--${flag} takes a whole number; got "${raw}".`);
    flags[key] = Number(raw);
  }
  if (values.format !== undefined) flags.format = values.format;
  if (values['changed-since'] !== undefined) flags.changedSince = values['changed-since'];
  if (values.shard !== undefined) flags.shard = values.shard;
  if (values['no-doi']) flags.doi = false;
  if (values['doi-resolver'] !== undefined) flags.doiResolver = values['doi-resolver'];
  if (values['wayback-api'] !== undefined) flags.waybackApi = values['wayback-api'];
  if (values.mailto !== undefined) flags.mailto = values.mailto;
  const problems = validateConfig({ check: flags });
  if (problems.length > 0) throw new UsageError(problems.map(flagWording).join('\n'));
  // Set after validation: the config rules refuse it, and only the command line may set it.
  if (values['allow-private']) flags.allowPrivate = true;
  return flags as CheckConfig;
}

/** Config wording (check.hostConcurrency) turned into flag wording (--host-concurrency). */
function flagWording(problem: string): string {
  return problem.replace(
    /^check\.(\w+)/,
    (_all, key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  );
}

function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** In GitHub Actions, Markdown reports link each place to the file at the commit checked. */
function githubSourceUrl(env: Record<string, string | undefined>): ((source: Source) => string) | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!server || !repository || !sha) return undefined;
  return (source) => `${server}/${repository}/blob/${sha}/${source.file}#L${source.line}`;
}

export type { ReportFormat };
