import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DOI_PATTERN,
  displayPrefix,
  type Entry,
  formatText,
  ID_PATTERN,
  type LintDataset,
  loadDataset,
  normalizeDoi,
  normalizeTitle,
  UsageError,
  writeFileAtomic,
} from '@virtbib/schema';
import { type CheckedEntry, checkEntry } from '../add/check-entry.js';
import { readCslItem } from '../add/csl-item.js';
import { type CslItem, cslToEntry, type MappedEntry } from '../add/csl-to-entry.js';
import { conventionalId, uniqueId } from '../add/entry-id.js';
import { fetchDoiRecord } from '../add/fetch-doi.js';
import { PromptEnded, Prompter } from '../add/prompt.js';
import { splitTopics, unknownTopics } from '../add/topics.js';
import { isUserField, type UserField, userFieldProblems } from '../add/user-fields.js';
import { parse, readHttpUrl, readInteger } from '../args.js';
import { type CliIo, EXIT } from '../io.js';
import { resolveDatasetDir } from '../locate-dataset.js';

const DEFAULT_RESOLVER = 'https://doi.org';
const DEFAULT_DEADLINE = 30_000;

export const addHelp = `Usage: virtbib add <doi> [--topic <id>]... [--annotation <text>]
       virtbib add --bibtex <file> [--topic <id>]... [--annotation <text>]

Scaffolds an entry: fetches the DOI's metadata from its registry (or reads a BibTeX entry), maps it to
the authoring format, picks an ID by the project's convention, validates the entry (schema and lint
rules) and only then writes entries/<id>.yaml, atomically. Refuses a DOI or a title that is already in
the dataset, naming the existing entry. On a terminal it shows the work and asks for what is missing or
invalid; elsewhere a missing or invalid value is an error and nothing is written.
  --topic <id>[,<id>]   topics from topics.yaml (comma-separated or repeated); asked for on a terminal
  --annotation <text>   why to read the work, in your own words; asked for on a terminal
  --id <id>             use this ID instead of the conventional one (lowercase letters, digits, hyphens)
  --doi-resolver <url>  DOI resolver base, http or https (default ${DEFAULT_RESOLVER})
  --timeout <ms>        time allowed for the registry's answer, redirects and retries included
                        (default ${DEFAULT_DEADLINE})
  --mailto <address>    contact for the registry's polite pool (default: $VIRTBIB_MAILTO)
  --allow-private       let the resolver be a private or loopback address (refused by default)
  --data <dir>          the dataset directory (default: packages/data of this repository)
Exit codes: 0 written, 1 the record is unusable or already in the dataset, 2 usage error (also a
question left unanswered with Ctrl+D), 130 interrupted with Ctrl+C. Nothing is written unless it is 0.`;

const OPTIONS = {
  bibtex: { type: 'string' },
  topic: { type: 'string', multiple: true },
  annotation: { type: 'string' },
  id: { type: 'string' },
  'doi-resolver': { type: 'string' },
  timeout: { type: 'string' },
  mailto: { type: 'string' },
  'allow-private': { type: 'boolean', default: false },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What the dataset already holds, for the duplicate checks and the topic choices. */
interface Known {
  ids: Set<string>;
  dois: Map<string, string>;
  titles: Map<string, string>;
  topics: string[];
}

function known(dataset: LintDataset): Known {
  const out: Known = { ids: new Set(), dois: new Map(), titles: new Map(), topics: [] };
  for (const { entry } of dataset.entries) {
    if (typeof entry?.id !== 'string') continue;
    out.ids.add(entry.id);
    for (const doi of [entry.doi, ...(Array.isArray(entry.alternateDois) ? entry.alternateDois : [])])
      if (typeof doi === 'string') out.dois.set(normalizeDoi(doi), entry.id);
    if (typeof entry.title === 'string') out.titles.set(normalizeTitle(entry.title), entry.id);
  }
  out.topics = (dataset.topics?.data.topics ?? []).map((t) => t.id);
  return out;
}

const ID_RULE = 'lowercase ASCII letters and digits, words joined by single hyphens, e.g. barham2003xen';

/** A stop with a message and an exit code: the record cannot be used (1), or the person gave up. */
class Stop extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export async function addCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS);
  if (values.help) {
    io.stdout.write(`${addHelp}\n`);
    return EXIT.ok;
  }
  const bibtexFile = values.bibtex;
  if ((positionals.length === 1) === (bibtexFile !== undefined) || positionals.length > 1)
    throw new UsageError('give either one DOI or --bibtex <file>.');
  // Every value given is checked before the dataset is read or a request is made.
  if (values.id !== undefined && !ID_PATTERN.test(values.id))
    throw new UsageError(`--id "${values.id}" is not an entry ID: ${ID_RULE}.`);
  const resolver = readHttpUrl('--doi-resolver', values['doi-resolver'] ?? DEFAULT_RESOLVER);
  const deadline =
    values.timeout === undefined ? DEFAULT_DEADLINE : readInteger('--timeout', values.timeout, 1);
  const interactive = Boolean(io.stdin?.isTTY && io.stdout.isTTY);

  const dir = resolveDatasetDir(io.cwd, values.data);
  const dataset = loadDataset(dir);
  const index = known(dataset);
  // A DOI already in the dataset is said first: no flag needs fixing for a work that is not to be added.
  const doi = bibtexFile === undefined ? normalizeDoi(positionals[0]!) : undefined;
  if (doi !== undefined) {
    if (!DOI_PATTERN.test(doi))
      throw new UsageError(`"${positionals[0]}" is not a DOI (10.<registrant>/<suffix>).`);
    const existing = index.dois.get(doi);
    if (existing) {
      io.stderr.write(`virtbib add: DOI ${doi} is already in the dataset as entries/${existing}.yaml\n`);
      return EXIT.findings;
    }
  }
  let topics = splitTopics(values.topic ?? []);
  let annotation = values.annotation;
  let id = values.id;
  if (!interactive) {
    // Off a terminal nothing can be asked again: a bad value is a usage error now, before any request.
    if (topics.length === 0) throw new UsageError(`give at least one --topic (${index.topics.join(', ')}).`);
    const wrongTopics = unknownTopics(topics, index.topics);
    if (wrongTopics) throw new UsageError(wrongTopics);
    if (annotation === undefined)
      throw new UsageError('give --annotation "<why read it, in your own words>".');
    const given = userFieldProblems({ topics: topics as Entry['topics'], annotation, ...(id && { id }) });
    if (given.length > 0)
      throw new UsageError(given.map((p) => `--${flagOf(p.field)}: ${p.message}`).join('\n'));
  }

  const warn = (text: string) => io.stderr.write(`virtbib add: warning: ${text}\n`);
  let record: { item: CslItem; verifiedWith: string[] };
  try {
    record = bibtexFile
      ? await fromBibtex(bibtexFile, io.cwd, warn)
      : await fromDoi(doi!, {
          resolver,
          deadline,
          allowPrivate: values['allow-private'],
          mailto: values.mailto ?? io.env.VIRTBIB_MAILTO,
        });
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    io.stderr.write(`virtbib add: ${error.message}\n`);
    return error.code;
  }

  const mapped = cslToEntry(record.item);
  if (mapped.problems.length > 0) {
    io.stderr.write(
      `virtbib add: the metadata is incomplete: ${mapped.problems.join('; ')}. Add the entry by hand.\n`,
    );
    return EXIT.findings;
  }
  for (const warning of mapped.warnings) warn(warning);
  const duplicate = findDuplicate(mapped, index);
  if (duplicate) {
    io.stderr.write(`virtbib add: ${duplicate}\n`);
    return EXIT.findings;
  }

  const prompter = interactive
    ? new Prompter(io.stdin as NodeJS.ReadableStream, io.stdout as NodeJS.WritableStream)
    : undefined;
  try {
    if (prompter) io.stdout.write(describeWork(mapped));
    const conventional = uniqueId(
      conventionalId(familyOf(mapped.fields.authors[0]), mapped.fields.year, mapped.fields.title),
      index.ids,
    );
    for (;;) {
      if (prompter) {
        ({ topics, annotation, id } = await askMissing(prompter, io, index, { topics, annotation, id }));
      }
      const entry: Entry = {
        id: id ?? conventional,
        ...mapped.fields,
        topics: topics as Entry['topics'],
        annotation: annotation ?? '',
        provenance: {
          source: 'contributed',
          ...(record.verifiedWith.length > 0 && { verifiedWith: record.verifiedWith }),
        },
        added: today(io.env),
      };
      const { text, problems } = checkNewEntry(entry, dataset, dir, index);
      const own = `entries/${entry.id}.yaml`;
      const errors = problems.filter((p) => p.severity === 'error');
      const userErrors = errors.filter((p) => isUserField(p.field));
      if (prompter && errors.length > 0 && userErrors.length === errors.length) {
        // Ask again for exactly the values that are wrong.
        io.stdout.write(`${errors.map((p) => `  ${p.message} ${p.hint}`).join('\n')}\n`);
        for (const field of new Set(userErrors.map((p) => p.field as UserField))) {
          if (field === 'topics') topics = [];
          else if (field === 'annotation') annotation = undefined;
          else id = await askId(prompter, conventional);
        }
        continue;
      }
      if (errors.length > 0) {
        const list = errors.map(
          (p) => `  ${p.code}: ${p.message} ${p.hint}${p.file ? ` (in ${p.file})` : ''}`,
        );
        if (userErrors.length === errors.length)
          throw new UsageError(`nothing was written:\n${list.join('\n')}`);
        io.stderr.write(
          `virtbib add: the record does not make a valid entry; nothing was written:\n${list.join('\n')}\n`,
        );
        return EXIT.findings;
      }
      writeFileAtomic(join(dir, own), text);
      // Paths as the user can open them: from where the command ran, as `validate` prints them.
      const pathPrefix = displayPrefix(io.cwd, dir);
      io.stdout.write(`wrote ${pathPrefix}${own}\n`);
      // Warnings do not stop the entry; they say what to do next (e.g. place it in a reading order), as
      // `validate` will, now that the file exists.
      if (problems.length > 0) io.stdout.write(formatText(problems, { pathPrefix }));
      return EXIT.ok;
    }
  } catch (error) {
    if (!(error instanceof PromptEnded)) throw error;
    io.stdout.write('\n');
    if (error.reason === 'interrupt') {
      io.stderr.write('virtbib add: interrupted; nothing was written.\n');
      return EXIT.interrupted;
    }
    io.stderr.write(
      'virtbib add: the input ended before every question was answered; nothing was written.\n',
    );
    return EXIT.usage;
  } finally {
    prompter?.close();
  }
}

const flagOf = (field: UserField) => (field === 'topics' ? 'topic' : field);

function familyOf(person: MappedEntry['fields']['authors'][number]): string {
  return 'family' in person ? person.family : person.literal;
}

/** The entry as it would be written, with its problems; an ID already taken is one of them. */
function checkNewEntry(entry: Entry, dataset: LintDataset, dir: string, index: Known): CheckedEntry {
  const checked = checkEntry(dataset, dir, entry);
  if (index.ids.has(entry.id) || existsSync(join(dir, 'entries', `${entry.id}.yaml`)))
    checked.problems.unshift({
      field: 'id',
      severity: 'error',
      code: 'unique-id',
      file: `entries/${entry.id}.yaml`,
      line: 0,
      column: 0,
      message: `The ID ${entry.id} is already taken.`,
      hint: 'Choose another (IDs are never reused).',
    });
  return checked;
}

async function fromBibtex(
  name: string,
  cwd: string,
  warn: (text: string) => void,
): Promise<{ item: CslItem; verifiedWith: string[] }> {
  // Resolved, not joined: an absolute path stays absolute.
  const path = resolve(cwd, name);
  if (!existsSync(path)) throw new UsageError(`${name} does not exist.`);
  if (!statSync(path).isFile()) throw new UsageError(`${name} is not a file.`);
  const { parseBibtex } = await import('../add/bibtex.js');
  let records: Awaited<ReturnType<typeof parseBibtex>>;
  try {
    records = await parseBibtex(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${name} is not readable BibTeX: ${(error as Error).message}`);
  }
  if (records.length !== 1)
    throw new UsageError(`${name} holds ${records.length} entries; give a file with exactly one.`);
  const { item, biburl } = records[0]!;
  const { item: checked, problems } = readCslItem(item);
  if (problems.length > 0)
    throw new Stop(`${name} could not be read: ${problems.join('; ')}.`, EXIT.findings);
  const verifiedWith: string[] = [];
  if (biburl !== undefined) {
    // The record is written into the entry and later requested by `check`: only a web address will do.
    if (/^https?:\/\/[^\s/]/i.test(biburl)) verifiedWith.push(biburl);
    else warn(`the biburl "${biburl}" is not an http(s) address and was left out`);
  }
  return { item: checked, verifiedWith };
}

async function fromDoi(
  doi: string,
  source: { resolver: string; deadline: number; allowPrivate: boolean; mailto: string | undefined },
): Promise<{ item: CslItem; verifiedWith: string[] }> {
  const fetched = await fetchDoiRecord(doi, {
    resolver: source.resolver,
    deadline: source.deadline,
    allowPrivate: source.allowPrivate,
    ...(source.mailto !== undefined && { mailto: source.mailto }),
  });
  if ('error' in fetched)
    throw new Stop(`could not get the metadata of ${doi}: ${fetched.error}`, EXIT.findings);
  if (fetched.problems.length > 0)
    throw new Stop(
      `the registry's record of ${doi} is malformed: ${fetched.problems.join('; ')}. Add the entry by hand.`,
      EXIT.findings,
    );
  return { item: fetched.item, verifiedWith: [fetched.record] };
}

function findDuplicate({ fields }: MappedEntry, index: Known): string | undefined {
  const byDoi = fields.doi ? index.dois.get(fields.doi) : undefined;
  if (byDoi) return `DOI ${fields.doi} is already in the dataset as entries/${byDoi}.yaml`;
  const byTitle = index.titles.get(normalizeTitle(fields.title));
  if (byTitle) return `"${fields.title}" is already in the dataset as entries/${byTitle}.yaml`;
  return undefined;
}

/** The work as the person will judge it: title, then authors, year and venue. */
function describeWork({ fields }: MappedEntry): string {
  const names = fields.authors.map((p) =>
    'family' in p ? [p.given, p.family].filter(Boolean).join(' ') : p.literal,
  );
  const authors = names.length > 3 ? `${names.slice(0, 3).join(', ')} et al.` : names.join(', ');
  const venue = fields.containerTitle ?? fields.publisher;
  return `\n  ${fields.title}\n  ${authors} (${fields.year ?? 'no year'})${venue ? `, ${venue}` : ''}\n\n`;
}

/** Asks for the topics and the annotation while they are missing or not valid. */
async function askMissing(
  prompter: Prompter,
  io: CliIo,
  index: Known,
  current: { topics: string[]; annotation: string | undefined; id: string | undefined },
): Promise<{ topics: string[]; annotation: string | undefined; id: string | undefined }> {
  let { topics, annotation } = current;
  for (;;) {
    const wrong = topics.length === 0 ? undefined : unknownTopics(topics, index.topics);
    if (topics.length > 0 && !wrong) break;
    if (wrong) io.stdout.write(`  ${wrong}\n`);
    topics = splitTopics([await prompter.ask(`Topics (${index.topics.join(', ')}), comma-separated: `)]);
  }
  while (annotation === undefined || annotation === '')
    annotation = await prompter.ask('Annotation (why read it, in your own words): ');
  return { topics, annotation, id: current.id };
}

async function askId(prompter: Prompter, conventional: string): Promise<string> {
  for (;;) {
    const answer = (await prompter.ask(`ID (Enter for ${conventional}): `)) || conventional;
    if (ID_PATTERN.test(answer)) return answer;
    prompter.say(`  "${answer}" is not an entry ID: ${ID_RULE}.`);
  }
}

/**
 * The date the entry joins the dataset (UTC). SOURCE_DATE_EPOCH, the reproducible-builds convention,
 * fixes it for scripted and repeatable runs.
 */
export function today(env: NodeJS.ProcessEnv): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const date = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}
