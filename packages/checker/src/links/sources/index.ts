import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { isDatasetDir, UsageError } from '@virtbib/schema';
import type { InternalLink, LinkInput } from '../types.js';
import { datasetInputs } from './dataset.js';
import { htmlInputs } from './html.js';
import { markdownInputs } from './markdown.js';
import { urlListInputs } from './url-list.js';

export { datasetInputs, htmlInputs, markdownInputs, urlListInputs };

/** Input files larger than this are refused: link lists are text, and this keeps a typo from reading a disk image. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.html', '.htm']);

/**
 * Reads the URLs of one input given on the command line. A directory with an `entries/` folder is a
 * dataset; any other directory is searched for Markdown and HTML files (see documentFiles). A file is
 * read by its extension: Markdown (.md, .markdown), HTML (.html, .htm), or else a plain list of URLs.
 * Paths in sources are relative to `cwd`, which is where CI annotations expect them. Relative links of
 * Markdown and HTML files go to `internal`, when given: each must stay inside the folder given here (or
 * inside `cwd`, for a single file).
 */
export function readInputs(
  path: string,
  cwd: string,
  only?: (file: string) => boolean,
  internal?: InternalLink[],
): LinkInput[] {
  const absolute = resolve(cwd, path);
  let directory: boolean;
  try {
    directory = statSync(absolute).isDirectory();
  } catch {
    throw new UsageError(`${path} does not exist.`);
  }
  if (!directory)
    return readFileInputs(absolute, path, cwd, only, internal && { list: internal, root: resolve(cwd) });
  if (isDatasetInput(absolute)) return datasetInputs(absolute, cwd, only);
  const files = documentFiles(absolute);
  if (files.length === 0)
    throw new UsageError(
      `${path} is a directory with neither an entries/ folder (a dataset) nor Markdown or HTML files.`,
    );
  return files.flatMap((file) =>
    readFileInputs(file, relative(cwd, file), cwd, only, internal && { list: internal, root: absolute }),
  );
}

/**
 * Whether a folder given to `check` is a dataset rather than a folder of documents: it has an entries/
 * folder holding YAML files, or a topics.yaml. A built site has an entries/ folder too, of HTML pages.
 */
export function isDatasetInput(dir: string): boolean {
  if (!isDatasetDir(dir)) return false;
  if (existsSync(join(dir, 'topics.yaml'))) return true;
  return readdirSync(join(dir, 'entries')).some((name) => /\.ya?ml$/.test(name));
}

/**
 * The Markdown and HTML files under a directory, in a stable order. node_modules and folders whose name
 * starts with a dot (.git, .cache...) are not entered, and links are not followed: a link may lead out of
 * the tree, or round in a loop.
 */
export function documentFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase()))
        found.push(path);
    }
  };
  walk(dir);
  return found;
}

function readFileInputs(
  absolute: string,
  shownPath: string,
  cwd: string,
  only: ((file: string) => boolean) | undefined,
  internal?: { list: InternalLink[]; root: string },
): LinkInput[] {
  if (only && !only(absolute)) return [];
  const size = statSync(absolute).size;
  if (size > MAX_INPUT_BYTES)
    throw new UsageError(`${shownPath} is ${size} bytes; input files are limited to 64 MiB.`);
  const text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  const shown = relative(cwd, absolute).split('\\').join('/');
  const onRelative =
    internal &&
    ((value: string, source: InternalLink['source']) =>
      internal.list.push({ value, from: absolute, root: internal.root, source }));
  switch (extname(absolute).toLowerCase()) {
    case '.md':
    case '.markdown':
      return markdownInputs(text, shown, onRelative);
    case '.html':
    case '.htm':
      return htmlInputs(text, shown, onRelative);
    default:
      return urlListInputs(text, shown);
  }
}
