import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { LinkCode } from './results/codes.js';
import { classOf } from './results/codes.js';
import { decodeEntities } from './sources/html.js';
import { scanTags } from './sources/html-tags.js';
import {
  type InternalLink,
  type InternalOptions,
  type LinkResult,
  NO_REDIRECTS,
  type Source,
} from './types.js';

/**
 * Internal links: the relative links of Markdown and HTML files, checked against the files beside them
 * instead of the web. A link must name a file (or a folder with an index.html) inside its root (the folder
 * given on the command line), and a #fragment into an HTML file must name an element's id there. No
 * request is made, so these results need no history: they are true or false now.
 */
export function checkInternalLinks(
  links: readonly InternalLink[],
  cwd: string,
  options: InternalOptions = {},
): LinkResult[] {
  const anchors = new AnchorCache();
  const basePath = normalizeBasePath(options.basePath);
  const byKey = new Map<string, { code: LinkCode; detail?: string; sources: Source[] }>();
  for (const link of links) {
    const verdict = judge(link, anchors, basePath);
    const key = `${shown(verdict.target, cwd)}${verdict.fragment ? `#${verdict.fragment}` : ''}`;
    const known = byKey.get(key);
    if (known) known.sources.push(link.source);
    else
      byKey.set(key, {
        code: verdict.code,
        ...(verdict.detail !== undefined && { detail: verdict.detail }),
        sources: [link.source],
      });
  }
  return [...byKey].map(([url, { code, detail, sources }]) => ({
    url,
    class: classOf(code),
    code,
    redirects: NO_REDIRECTS,
    attempts: 0,
    requests: 0,
    durationMs: 0,
    sources,
    ...(detail !== undefined && { detail }),
  }));
}

interface Verdict {
  code: LinkCode;
  target: string;
  fragment: string;
  detail?: string;
}

/** `virtbib` or `/virtbib` or `/virtbib/` → `/virtbib/`; nothing or `/` → `/`. */
function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

function judge(link: InternalLink, anchors: AnchorCache, basePath: string): Verdict {
  const hash = link.value.indexOf('#');
  const beforeHash = hash === -1 ? link.value : link.value.slice(0, hash);
  const rawFragment = hash === -1 ? '' : link.value.slice(hash + 1);
  const rawPath = beforeHash.split('?')[0]!;
  let path: string;
  let fragment: string;
  try {
    path = decodeURIComponent(rawPath);
    fragment = decodeURIComponent(rawFragment);
  } catch {
    return {
      code: 'internal-missing',
      target: link.from,
      fragment: '',
      detail: `malformed link ${link.value}`,
    };
  }
  // `/x` is relative to the root (a site's top, a repository's top), under the site's base path when it is
  // served below one; `x` and `../x` are relative to the document.
  if (path.startsWith('/')) {
    if (!`${path}/`.startsWith(basePath))
      return {
        code: 'internal-outside',
        target: path,
        fragment,
        detail: `not under the base path ${basePath}`,
      };
    path = `./${path.slice(basePath.length)}`;
  }
  let target = path === '' ? link.from : resolve(rootOrDocument(link, rawPath), path);
  const inside = relative(link.root, target);
  if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return { code: 'internal-outside', target, fragment, detail: `outside ${link.root}` };
  let kind: 'file' | 'directory' | undefined;
  try {
    const stats = statSync(target);
    kind = stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : undefined;
  } catch {}
  if (kind === 'directory') {
    target = join(target, 'index.html');
    try {
      kind = statSync(target).isFile() ? 'file' : undefined;
    } catch {
      kind = undefined;
    }
  }
  if (kind !== 'file') return { code: 'internal-missing', target, fragment };
  // Fragments are only known in HTML: Markdown headings get their anchors from whoever renders them.
  if (fragment !== '' && fragment !== 'top' && isHtml(target) && !anchors.of(target).has(fragment))
    return { code: 'internal-anchor', target, fragment };
  return { code: 'internal-ok', target, fragment };
}

/** Root-relative links were rewritten to `./...` against the root; the others start at the document. */
function rootOrDocument(link: InternalLink, rawPath: string): string {
  return rawPath.startsWith('/') ? link.root : dirname(link.from);
}

const isHtml = (file: string) => /^\.html?$/i.test(extname(file));

/** A path as reports show it: relative to the working directory, with forward slashes. */
function shown(path: string, cwd: string): string {
  return relative(cwd, path).split(sep).join('/') || '.';
}

/** The ids (and <a name>s) of each HTML file, read once per file however many links point into it. */
class AnchorCache {
  private readonly files = new Map<string, Set<string>>();

  of(file: string): Set<string> {
    let ids = this.files.get(file);
    if (!ids) {
      ids = new Set();
      for (const tag of scanTags(readFileSync(file, 'utf8')))
        for (const attribute of tag.attributes)
          if (attribute.name === 'id' || (attribute.name === 'name' && tag.name === 'a'))
            ids.add(decodeEntities(attribute.value));
      this.files.set(file, ids);
    }
    return ids;
  }
}
