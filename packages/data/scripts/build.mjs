// Builds @virtbib/data: reads the authored YAML, checks it, and writes every published format to dist/.
//
//   node scripts/build.mjs [--data <dataset dir>] [--out <dir>] [--no-cache] [--timings]
//
// --data defaults to this package (entries/, topics.yaml, notes/), --out to dist/. The output depends only on
// the sources and this package's version: building twice gives byte-identical files.
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatText, summarize, UsageError, validateDataset } from '@virtbib/schema';
import { toBibtex } from './lib/bibtex.mjs';
import { defaultCacheFile, renderCitations } from './lib/citations.mjs';
import { toCsl, toRenderable } from './lib/csl.mjs';
import { toModules } from './lib/module.mjs';
import { byCodeUnit, publishDataset } from './lib/published.mjs';
import { toRis } from './lib/ris.mjs';
import { writeIfChanged } from './lib/write.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const timings = {};
const step = async (name, work) => {
  const t0 = performance.now();
  const result = await work();
  timings[name] = Math.round(performance.now() - t0);
  return result;
};

const USAGE = 'Usage: node scripts/build.mjs [--data <dataset dir>] [--out <dir>] [--no-cache] [--timings]';

/** A mistake in how the build was called: the message and the usage, exit code 2, no stack trace. */
function usageError(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      data: { type: 'string', default: packageDir },
      out: { type: 'string', default: join(packageDir, 'dist') },
      'no-cache': { type: 'boolean', default: false },
      timings: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  usageError(error.message);
}
const dataDir = resolve(args.data);
const outDir = resolve(args.out);
const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));

// 1. Validate. The build publishes nothing unless the sources pass every error-level check; warnings are
//    shown and do not stop it.
const { diagnostics, dataset: loaded } = await step('validate', () =>
  validateDataset(dataDir).catch((error) => {
    if (error instanceof UsageError) usageError(error.message);
    throw error;
  }),
);
if (diagnostics.length > 0) {
  const readText = (file) => {
    try {
      return readFileSync(join(dataDir, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  process.stderr.write(formatText(diagnostics, { color: process.stderr.isTTY, readText }));
}
if (summarize(diagnostics).errors > 0) {
  process.stderr.write(
    `\nThe build stopped: fix the errors above in ${relative(process.cwd(), dataDir) || '.'}, then run it again.\n`,
  );
  process.exit(1);
}

// 2. One CSL-JSON item per entry, in ID order. csl.json publishes them; citation-js renders from them.
const sorted = [...loaded.entries]
  .sort((a, b) => byCodeUnit(a.entry.id, b.entry.id))
  .map((file) => file.entry);
const csl = sorted.map(toCsl);

// 3. APA citations, rendered at build time so consumers need no citation library. Cached by content hash:
//    only new or changed entries are rendered, across worker threads when there are many.
const cacheFile = args['no-cache'] ? undefined : defaultCacheFile(packageDir, dataDir);
const { citations, rendered, reused } = await step('citations', () =>
  renderCitations(csl.map(toRenderable), { cacheFile }),
);

// 4. The published document: authored fields plus citations, topics with their full reading order, notes.
const published = await step('publish', () => publishDataset(loaded, pkg, citations));

// 5. Every format, built in memory first so that a failure in any of them writes nothing.
const files = await step('serialize', () => ({
  'bibliography.json': `${JSON.stringify(published, null, 2)}\n`,
  'csl.json': `${JSON.stringify(csl, null, 2)}\n`,
  'bibliography.bib': toBibtex(published.entries, pkg),
  'bibliography.ris': toRis(published.entries),
  ...toModules(published),
}));

// 6. Write. Each file is replaced in one step (temporary file, then rename), and only when its bytes change.
const written = await step('write', () => {
  mkdirSync(outDir, { recursive: true });
  return Object.entries(files).filter(([name, content]) => writeIfChanged(join(outDir, name), content));
});

const total = Math.round(performance.now() - started);
console.log(
  `Built ${published.entries.length} entries into ${relative(process.cwd(), outDir) || '.'} in ${total} ms ` +
    `(${rendered} citations rendered, ${reused} reused; ${written.length} of ${Object.keys(files).length} files changed).`,
);
if (args.timings) console.log(JSON.stringify({ totalMs: total, ...timings, rendered, reused }));
