// Builds @virtbib/data: reads the authored YAML, checks it, and writes every published format to dist/.
//
//   node scripts/build.mjs [--data <dataset dir>] [--out <dir>] [--no-cache] [--timings] [--check]
//
// --data defaults to this package (entries/, topics.yaml, notes/), --out to dist/. The output depends only on
// the sources and this package's version: building twice gives byte-identical files. --check builds in memory
// and writes nothing: it fails when the output directory differs from a fresh build (npm pack runs it).
//
// Exit codes: 0 built (or fresh), 1 the sources have errors (or --check found the output stale), 2 anything
// else — a wrong option, a directory that is no dataset, a file that cannot be read or written — as one line,
// never a stack trace.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { displayPrefix, formatText, summarize, UsageError, validateDataset } from '@virtbib/schema';
import { defaultCacheFile, renderCitations } from './lib/citations.mjs';
import { COVERAGE_START, withCoverage } from './lib/coverage.mjs';
import { textFiles } from './lib/files.mjs';
import { toCsl, toRenderable } from './lib/formats/csl.mjs';
import { unsafeHtml } from './lib/html.mjs';
import { toModules } from './lib/module/module.mjs';
import { byCodeUnit, publishDataset } from './lib/published.mjs';
import { writeIfChanged } from './lib/write.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const USAGE =
  'Usage: node scripts/build.mjs [--data <dataset dir>] [--out <dir>] [--no-cache] [--timings] [--check]';

/** A mistake in how the build was called: the message and the usage, exit code 2. */
class BuildUsageError extends Error {}

/** Everything the build does; returns the exit code. */
async function main() {
  const started = performance.now();
  const timings = {};
  const step = async (name, work) => {
    const t0 = performance.now();
    const result = await work();
    timings[name] = Math.round(performance.now() - t0);
    return result;
  };

  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string', default: packageDir },
        out: { type: 'string', default: join(packageDir, 'dist') },
        'no-cache': { type: 'boolean', default: false },
        timings: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new BuildUsageError(error.message);
  }
  const dataDir = resolve(args.data);
  const outDir = resolve(args.out);
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const cacheDir = args['no-cache'] ? undefined : join(packageDir, 'node_modules', '.cache');

  // 1. Validate. The build publishes nothing unless the sources pass every error-level check; warnings are
  //    shown and do not stop it.
  const {
    diagnostics,
    notChecked,
    dataset: loaded,
  } = await step('validate', () =>
    validateDataset(dataDir).catch((error) => {
      throw error instanceof UsageError ? new BuildUsageError(error.message) : error;
    }),
  );
  const { errors } = summarize(diagnostics);
  // --check only says whether the output is fresh: warnings are for whoever builds.
  if (diagnostics.length > 0 && (!args.check || errors > 0)) {
    const readText = (file) => {
      try {
        return readFileSync(join(dataDir, file), 'utf8');
      } catch {
        return undefined;
      }
    };
    // Paths from where the build runs, as `virtbib validate` prints them: openable and clickable.
    const pathPrefix = displayPrefix(process.cwd(), dataDir);
    process.stderr.write(
      formatText(diagnostics, { color: process.stderr.isTTY, readText, pathPrefix, notChecked }),
    );
  }
  if (errors > 0) {
    process.stderr.write(
      `\nThe build stopped: fix the errors above in ${relative(process.cwd(), dataDir) || '.'}, then run it again.\n`,
    );
    return 1;
  }

  // 2. APA citations, rendered at build time so consumers need no citation library, from one CSL-JSON item per
  //    entry. Cached by content hash: only new or changed entries are rendered, across worker threads when
  //    there are many. Each is checked for markup it must not hold, whatever the data or the cache held.
  const sorted = [...loaded.entries]
    .sort((a, b) => byCodeUnit(a.entry.id, b.entry.id))
    .map((file) => file.entry);
  const cacheFile = cacheDir && defaultCacheFile(packageDir, dataDir);
  const { citations, rendered, reused } = await step('citations', () =>
    renderCitations(
      sorted.map((entry) => toRenderable(toCsl(entry))),
      { cacheFile },
    ),
  );
  for (const [id, { html }] of citations) {
    const problem = unsafeHtml(html);
    if (problem) throw new Error(`The APA citation of ${JSON.stringify(id)} has ${problem}.`);
  }

  // 3. The published document: authored fields plus citations, topics with their full reading order, notes.
  const published = await step('publish', () => publishDataset(loaded, pkg, citations));

  // 4. Every format, built in memory first so that a failure in any of them writes nothing. The text formats
  //    come from the record writers the module runs too.
  const files = await step('serialize', async () => ({
    'bibliography.json': `${JSON.stringify(published, null, 2)}\n`,
    ...textFiles(published),
    ...(await toModules(published, { typesCacheFile: cacheDir && join(cacheDir, 'virtbib-types.json') })),
  }));

  // The README's coverage table describes this package's own data, so only a build of it rewrites the table.
  const readmeFile = join(packageDir, 'README.md');
  const readme = resolve(dataDir) === resolve(packageDir) ? coverageReadme(readmeFile, published) : undefined;

  if (args.check) {
    const fresh = checkFresh(outDir, files);
    if (readme !== undefined && readme !== readFileSync(readmeFile, 'utf8')) {
      process.stderr.write(
        'README.md: the coverage table is out of date; run `npm run build -w @virtbib/data`.\n',
      );
      return 1;
    }
    return fresh;
  }

  // 5. Write. Each file is replaced in one step (temporary file, then rename), and only when its bytes change.
  //    topics/ belongs to the build: a file of a topic that no longer exists is removed.
  const written = await step('write', () => {
    const changed = [];
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(outDir, name)), { recursive: true });
      if (writeIfChanged(join(outDir, name), content)) changed.push(name);
    }
    for (const name of staleTopicFiles(outDir, files)) rmSync(join(outDir, name));
    if (readme !== undefined && writeIfChanged(readmeFile, readme)) changed.push('README.md');
    return changed;
  });

  const total = Math.round(performance.now() - started);
  console.log(
    `Built ${published.entries.length} entries into ${relative(process.cwd(), outDir) || '.'} in ${total} ms ` +
      `(${rendered} citations rendered, ${reused} reused; ${written.length} of ${Object.keys(files).length} files changed).`,
  );
  if (args.timings) console.log(JSON.stringify({ totalMs: total, ...timings, rendered, reused }));
  return 0;
}

/** The README with its coverage table regenerated; the markers must be there. */
function coverageReadme(file, published) {
  const next = withCoverage(readFileSync(file, 'utf8'), published);
  if (next === undefined)
    throw new Error(`${file} has lost the markers of its coverage table (${COVERAGE_START})`);
  return next;
}

/** Files in <out>/topics/ that this build did not produce. */
function staleTopicFiles(outDir, files) {
  const dir = join(outDir, 'topics');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => `topics/${name}`)
    .filter((name) => !(name in files) && /\.(?:bib|ris|json)$/.test(name));
}

/** Every file under a directory, by path relative to it. */
function listFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((item) => {
    const name = prefix ? `${prefix}/${item.name}` : item.name;
    return item.isDirectory() ? listFiles(dir, name) : [name];
  });
}

/** --check: the output directory holds exactly the files of this build, byte for byte. */
function checkFresh(outDir, files) {
  const where = relative(process.cwd(), outDir) || '.';
  const present = existsSync(outDir) && statSync(outDir).isDirectory() ? listFiles(outDir) : [];
  const stale = Object.entries(files)
    .filter(([name, content]) => {
      try {
        return !readFileSync(join(outDir, name)).equals(Buffer.from(content));
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
  const extra = present.filter((name) => !(name in files));
  if (stale.length === 0 && extra.length === 0) {
    // On stderr: `npm pack --json` prints its report on stdout, after this.
    process.stderr.write(`${where} is a fresh build of the sources (${Object.keys(files).length} files).\n`);
    return 0;
  }
  const list = (names) =>
    names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
  const problems = [
    stale.length > 0 && `${stale.length} missing or out of date (${list(stale)})`,
    extra.length > 0 && `${extra.length} not produced by the build (${list(extra)})`,
  ].filter(Boolean);
  process.stderr.write(
    `${where} is not a fresh build of the sources: ${problems.join('; ')}.\n` +
      'Run `npm run build -w @virtbib/data` (and remove files the build does not produce), then try again.\n',
  );
  return 1;
}

/** Any error on one line: its message (and the file, when the message leaves it out), without the stack. */
function oneLine(error) {
  let message = error instanceof Error ? error.message : String(error);
  if (typeof error?.path === 'string' && !message.includes(error.path)) message += ` (${error.path})`;
  return message.replace(/\s+/g, ' ').trim();
}

// Errors that escape the promise chain (an event handler, a worker) end the build the same way.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    process.stderr.write(`The build failed: ${oneLine(error)}\n`);
    process.exit(2);
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof BuildUsageError) process.stderr.write(`${oneLine(error)}\n${USAGE}\n`);
  else process.stderr.write(`The build failed: ${oneLine(error)}\n`);
  process.exitCode = 2;
}
