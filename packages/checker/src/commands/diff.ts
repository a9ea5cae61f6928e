import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDatasetDir, loadDataset, UsageError } from '@virtbib/schema';
import { parse } from '../args.js';
import { LEVELS, type Level, maxLevel, type Reason } from '../diff/bump.js';
import { type DeclaredBump, declaredBump } from '../diff/changesets.js';
import { type DatasetSnapshot, diffDatasets } from '../diff/dataset-diff.js';
import { filesAt, relativeTo, repositoryRoot, resolveCommit, withSnapshot } from '../diff/git-snapshot.js';
import { diffSchemas } from '../diff/schema-diff.js';
import { type CliIo, EXIT } from '../io.js';
import { resolveDatasetDir } from '../locate-dataset.js';

export const diffHelp = `Usage: virtbib diff <base-ref> [--format text|json] [--check-changesets]

Says which version bump of @virtbib/data a change needs, comparing the dataset and the schemas at
<base-ref> with the working tree, by the data semver policy: a removed or renamed ID, a removed topic or
a narrowed schema is major; a new topic, note or optional field is minor; added or corrected entries are
a patch. Each reason is listed.
  --format <f>         text (default) or json
  --check-changesets   exit 1 when the changesets this change adds (those not already at <base-ref>)
                       declare a smaller bump for @virtbib/data; they are listed
  --data <dir>         the dataset directory (default: packages/data of this repository)`;

const SCHEMAS = ['entry', 'topics', 'notes'] as const;
const CHANGESET_DIR = '.changeset';
const SCHEMA_DIR = 'packages/schema/schemas';

function loadSnapshot(dir: string): DatasetSnapshot {
  if (!isDatasetDir(dir)) return { entries: [], notes: [] };
  const dataset = loadDataset(dir);
  return {
    entries: dataset.entries.map((e) => e.entry),
    ...(dataset.topics && { topics: dataset.topics.data }),
    notes: dataset.notes.map((n) => n.data),
  };
}

function readSchemas(dir: string): Partial<Record<(typeof SCHEMAS)[number], Record<string, unknown>>> {
  const out: Partial<Record<(typeof SCHEMAS)[number], Record<string, unknown>>> = {};
  for (const name of SCHEMAS) {
    const file = join(dir, `${name}.schema.json`);
    if (existsSync(file)) out[name] = JSON.parse(readFileSync(file, 'utf8'));
  }
  return out;
}

export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    format: { type: 'string', default: 'text' },
    'check-changesets': { type: 'boolean', default: false },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${diffHelp}\n`);
    return EXIT.ok;
  }
  const [ref, ...extra] = positionals;
  if (!ref || extra.length > 0)
    throw new UsageError('diff takes exactly one git ref, e.g. `virtbib diff origin/main`.');
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError('--format must be text or json.');
  const dataDir = resolveDatasetDir(io.cwd, values.data as string | undefined);
  const root = repositoryRoot(dataDir);
  const base = resolveCommit(root, ref);
  const relData = relativeTo(root, dataDir) || '.';

  const head = loadSnapshot(dataDir);
  const headSchemas = readSchemas(join(root, SCHEMA_DIR));
  const paths = [`${relData}/entries`, `${relData}/topics.yaml`, `${relData}/notes`, SCHEMA_DIR].map((p) =>
    p.replace(/^\.\//, ''),
  );
  const reasons: Reason[] = await withSnapshot(root, base, paths, async (snapshot) => {
    const before = loadSnapshot(join(snapshot, relData));
    const baseSchemas = readSchemas(join(snapshot, SCHEMA_DIR));
    const found = diffDatasets(before, head);
    for (const name of SCHEMAS) {
      const [was, now] = [baseSchemas[name], headSchemas[name]];
      if (was && now) found.push(...diffSchemas(`${name}.schema.json`, was, now));
    }
    return found;
  });
  const needed = maxLevel(reasons.map((r) => r.level));
  reasons.sort(
    (a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) || (a.message < b.message ? -1 : 1),
  );

  let failed = false;
  let declared: DeclaredBump | undefined;
  if (values['check-changesets']) {
    const onBase = new Set(filesAt(root, base, CHANGESET_DIR));
    declared = declaredBump(join(root, CHANGESET_DIR), '@virtbib/data', onBase);
    failed = LEVELS.indexOf(declared.level) < LEVELS.indexOf(needed);
  }
  if (values.format === 'json') {
    io.stdout.write(
      `${JSON.stringify(
        {
          base: ref,
          needed,
          reasons,
          ...(declared && { declared: declared.level, changesets: declared.files, ok: !failed }),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout.write(
      needed === 'none'
        ? `@virtbib/data needs no release for the changes since ${ref}\n`
        : `@virtbib/data needs a ${needed} release for the changes since ${ref}\n`,
    );
    for (const r of reasons) io.stdout.write(`  ${r.level.padEnd(5)}  ${r.message}\n`);
    if (declared) io.stdout.write(changesetVerdict(declared, needed, failed, ref));
  }
  return failed ? EXIT.findings : EXIT.ok;
}

/** What the changesets added since the base declare, each named, and whether that is enough. */
function changesetVerdict(declared: DeclaredBump, needed: Level, failed: boolean, ref: string): string {
  const lines =
    declared.files.length === 0
      ? [`no changeset added since ${ref} declares a bump for @virtbib/data`]
      : [
          `changesets added since ${ref} declare ${declared.level} for @virtbib/data:`,
          ...declared.files.map((f) => `  ${f.level.padEnd(5)}  ${CHANGESET_DIR}/${f.name}`),
        ];
  lines.push(
    failed
      ? `${needed} is needed: run \`npx changeset\` and choose ${needed} for @virtbib/data`
      : 'that is enough',
  );
  return `${lines.join('\n')}\n`;
}
