import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import {
  DOI_PATTERN,
  type Entry,
  formatText,
  loadDataset,
  normalizeDoi,
  normalizeTitle,
  toCanonicalYaml,
  UsageError,
  validateDataset,
  writeFileAtomic,
} from '@virtbib/schema';
import { parseBibtex } from '../add/bibtex.js';
import { type CslItem, cslToEntry } from '../add/csl-to-entry.js';
import { conventionalId, uniqueId } from '../add/entry-id.js';
import { parse } from '../args.js';
import { RegistryClient } from '../doi/client.js';
import { fetchCsl } from '../doi/verify.js';
import { type CliIo, EXIT } from '../io.js';
import { resolveDatasetDir } from '../locate-dataset.js';

export const addHelp = `Usage: virtbib add <doi> [--topic <id>]... [--annotation <text>]
       virtbib add --bibtex <file> [--topic <id>]... [--annotation <text>]

Scaffolds an entry: fetches the DOI's metadata from its registry (or reads a BibTeX entry), maps it to
the authoring format, picks an ID by the project's convention, writes entries/<id>.yaml atomically and
validates it. Refuses a DOI or a title that is already in the dataset, naming the existing entry.
  --topic <id>          a topic from topics.yaml (repeat for several); asked for on a terminal
  --annotation <text>   why to read the work, in your own words; asked for on a terminal
  --id <id>             use this ID instead of the conventional one
  --doi-resolver <url>  DOI resolver base (default https://doi.org)
  --mailto <address>    contact for the registry's polite pool (default: $VIRTBIB_MAILTO)
  --data <dir>          the dataset directory (default: packages/data of this repository)`;

interface Known {
  ids: Set<string>;
  dois: Map<string, string>;
  titles: Map<string, string>;
  topics: string[];
}

function known(dir: string): Known {
  const dataset = loadDataset(dir);
  const out: Known = { ids: new Set(), dois: new Map(), titles: new Map(), topics: [] };
  for (const { entry } of dataset.entries) {
    if (typeof entry?.id !== 'string') continue;
    out.ids.add(entry.id);
    for (const doi of [entry.doi, ...(entry.alternateDois ?? [])])
      if (doi) out.dois.set(normalizeDoi(doi), entry.id);
    if (typeof entry.title === 'string') out.titles.set(normalizeTitle(entry.title), entry.id);
  }
  out.topics = (dataset.topics?.data.topics ?? []).map((t) => t.id);
  return out;
}

async function ask(io: CliIo, question: string): Promise<string> {
  const rl = createInterface({
    input: io.stdin as NodeJS.ReadableStream,
    output: io.stdout as NodeJS.WritableStream,
  });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export async function addCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    bibtex: { type: 'string' },
    topic: { type: 'string', multiple: true },
    annotation: { type: 'string' },
    id: { type: 'string' },
    'doi-resolver': { type: 'string' },
    mailto: { type: 'string' },
    'allow-private': { type: 'boolean', default: false },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${addHelp}\n`);
    return EXIT.ok;
  }
  const bibtexFile = values.bibtex as string | undefined;
  if ((positionals.length === 1) === Boolean(bibtexFile) || positionals.length > 1) {
    throw new UsageError('give either one DOI or --bibtex <file>.');
  }
  const dir = resolveDatasetDir(io.cwd, values.data as string | undefined);
  const dataset = known(dir);
  const interactive = Boolean(io.stdin && (io.stdin as { isTTY?: boolean }).isTTY);

  // Topics are settled before anything is fetched, so a usage mistake costs no request.
  let topics = (values.topic as string[] | undefined) ?? [];
  if (topics.length === 0 && interactive) {
    topics = (await ask(io, `Topics (${dataset.topics.join(', ')}), comma-separated: `))
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  if (topics.length === 0) throw new UsageError(`give at least one --topic (${dataset.topics.join(', ')}).`);
  const unknown = topics.filter((t) => !dataset.topics.includes(t));
  if (unknown.length > 0)
    throw new UsageError(`unknown topic ${unknown.join(', ')}; use ${dataset.topics.join(', ')}.`);

  let item: CslItem;
  let verifiedWith: string[] = [];
  if (bibtexFile) {
    const path = join(io.cwd, bibtexFile);
    if (!existsSync(path)) throw new UsageError(`${bibtexFile} does not exist.`);
    let items: CslItem[];
    try {
      items = await parseBibtex(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`${bibtexFile} is not readable BibTeX: ${(error as Error).message}`);
    }
    if (items.length !== 1)
      throw new UsageError(`${bibtexFile} holds ${items.length} entries; give a file with exactly one.`);
    item = items[0]!;
  } else {
    const doi = normalizeDoi(positionals[0]!);
    if (!DOI_PATTERN.test(doi))
      throw new UsageError(`"${positionals[0]}" is not a DOI (10.<registrant>/<suffix>).`);
    const existing = dataset.dois.get(doi);
    if (existing) {
      io.stderr.write(`virtbib add: DOI ${doi} is already in the dataset as entries/${existing}.yaml\n`);
      return EXIT.findings;
    }
    const client = new RegistryClient({
      ...(values['doi-resolver'] !== undefined && { resolver: values['doi-resolver'] as string }),
      ...(((values.mailto as string | undefined) ?? io.env.VIRTBIB_MAILTO) && {
        mailto: (values.mailto as string | undefined) ?? io.env.VIRTBIB_MAILTO,
      }),
      allowPrivate: values['allow-private'] as boolean,
    });
    try {
      const fetched = await fetchCsl(client, doi);
      if ('detail' in fetched) {
        io.stderr.write(`virtbib add: could not get the metadata of ${doi}: ${fetched.detail}\n`);
        return EXIT.findings;
      }
      item = fetched.item;
      verifiedWith = [`https://doi.org/${doi}`];
    } finally {
      await client.close();
    }
  }

  const { fields, problems } = cslToEntry(item);
  if (problems.length > 0) {
    io.stderr.write(
      `virtbib add: the metadata is incomplete: ${problems.join('; ')}. Add the entry by hand.\n`,
    );
    return EXIT.findings;
  }
  if (fields.doi && dataset.dois.has(fields.doi)) {
    io.stderr.write(
      `virtbib add: DOI ${fields.doi} is already in the dataset as entries/${dataset.dois.get(fields.doi)}.yaml\n`,
    );
    return EXIT.findings;
  }
  const sameTitle = dataset.titles.get(normalizeTitle(fields.title));
  if (sameTitle) {
    io.stderr.write(
      `virtbib add: "${fields.title}" is already in the dataset as entries/${sameTitle}.yaml\n`,
    );
    return EXIT.findings;
  }

  let annotation = values.annotation as string | undefined;
  if (!annotation && interactive) {
    io.stdout.write(`${fields.title} (${fields.year})\n`);
    annotation = await ask(io, 'Annotation (why read it, in your own words): ');
  }
  if (!annotation) throw new UsageError('give --annotation "<why read it, in your own words>".');

  const first = fields.authors[0];
  const family = 'family' in first ? first.family : first.literal;
  const id =
    (values.id as string | undefined) ??
    uniqueId(conventionalId(family, fields.year, fields.title), dataset.ids);
  if (dataset.ids.has(id)) throw new UsageError(`ID ${id} is already taken.`);
  const file = join(dir, 'entries', `${id}.yaml`);
  if (existsSync(file)) throw new UsageError(`entries/${id}.yaml already exists.`);

  const entry: Entry = {
    id,
    ...fields,
    topics: topics as [string, ...string[]],
    annotation,
    provenance: { source: 'contributed', ...(verifiedWith.length > 0 && { verifiedWith }) },
  };
  writeFileAtomic(file, toCanonicalYaml('entry', entry));
  io.stdout.write(`wrote entries/${id}.yaml\n`);

  const { diagnostics } = await validateDataset(dir);
  const own = diagnostics.filter((d) => d.file === `entries/${id}.yaml`);
  if (own.length > 0) io.stdout.write(formatText(own));
  return own.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
