import { readFileSync, statSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import { isDatasetDir, UsageError } from '@virtbib/schema';
import type { LinkInput } from '../types.js';
import { datasetInputs } from './dataset.js';
import { htmlInputs } from './html.js';
import { markdownInputs } from './markdown.js';
import { urlListInputs } from './url-list.js';

export { datasetInputs, htmlInputs, markdownInputs, urlListInputs };

/** Input files larger than this are refused: link lists are text, and this keeps a typo from reading a disk image. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Reads the URLs of one input given on the command line: a dataset directory, a Markdown file (.md,
 * .markdown), an HTML file (.html, .htm), or else a plain list of URLs. Paths in sources are relative to
 * `cwd`, which is where CI annotations expect them.
 */
export function readInputs(path: string, cwd: string, only?: (file: string) => boolean): LinkInput[] {
  const absolute = resolve(cwd, path);
  let size: number;
  let directory: boolean;
  try {
    const stat = statSync(absolute);
    size = stat.size;
    directory = stat.isDirectory();
  } catch {
    throw new UsageError(`${path} does not exist.`);
  }
  if (directory) {
    if (!isDatasetDir(absolute))
      throw new UsageError(`${path} is a directory but not a dataset (it has no entries/ folder).`);
    return datasetInputs(absolute, cwd, only);
  }
  if (only && !only(absolute)) return [];
  if (size > MAX_INPUT_BYTES)
    throw new UsageError(`${path} is ${size} bytes; input files are limited to 64 MiB.`);
  const text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  const shown = relative(cwd, absolute).split('\\').join('/');
  switch (extname(absolute).toLowerCase()) {
    case '.md':
    case '.markdown':
      return markdownInputs(text, shown);
    case '.html':
    case '.htm':
      return htmlInputs(text, shown);
    default:
      return urlListInputs(text, shown);
  }
}
