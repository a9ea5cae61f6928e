/**
 * Resolves every link and every loaded resource of a built site against its folder: what the site links
 * to must exist, fragments included, and nothing the browser loads may come from another origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseHTML } from 'linkedom';
import { listFiles } from './helpers.js';

export interface Problem {
  page: string;
  attribute: string;
  value: string;
  problem: string;
}

/** Elements whose URL the browser loads by itself (as opposed to links a reader may follow). */
const LOADED =
  'link[rel~="stylesheet"][href], link[rel~="icon"][href], script[src], img[src], iframe[src], source[src]';

export function checkInternalLinks(dir: string, basePath: string): { problems: Problem[]; checked: number } {
  const pages = listFiles(dir).filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      const { document } = parseHTML(readFileSync(join(dir, file), 'utf8'));
      set = new Set([...document.querySelectorAll('[id]')].map((el) => el.getAttribute('id')!));
      for (const a of document.querySelectorAll('a[name]')) set.add(a.getAttribute('name')!);
      ids.set(file, set);
    }
    return set;
  };
  const problems: Problem[] = [];
  let checked = 0;
  for (const page of pages) {
    const { document } = parseHTML(readFileSync(join(dir, page), 'utf8'));
    for (const el of document.querySelectorAll(LOADED)) {
      const value = el.getAttribute('href') ?? el.getAttribute('src')!;
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value))
        problems.push({
          page,
          attribute: el.tagName.toLowerCase(),
          value,
          problem: 'loads from another origin',
        });
    }
    const urls = [
      ...[...document.querySelectorAll('[href]')].map((el) => ['href', el.getAttribute('href')!] as const),
      ...[...document.querySelectorAll('[src]')].map((el) => ['src', el.getAttribute('src')!] as const),
      ...[...document.querySelectorAll('form[action]')].map(
        (el) => ['action', el.getAttribute('action')!] as const,
      ),
    ];
    for (const [attribute, value] of urls) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) continue; // another site: `virtbib check` checks those
      checked++;
      const [withoutFragment, fragment] = value.split('#', 2) as [string, string | undefined];
      const path = withoutFragment.split('?')[0]!;
      let target: string;
      if (path === '') target = page;
      else if (path.startsWith('/')) {
        if (!path.startsWith(basePath)) {
          problems.push({ page, attribute, value, problem: `outside the base path ${basePath}` });
          continue;
        }
        target = path.slice(basePath.length) || 'index.html';
      } else target = posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(path)));
      if (target.endsWith('/')) target += 'index.html';
      if (target.startsWith('..') || !existsSync(join(dir, target))) {
        problems.push({ page, attribute, value, problem: `no file ${target}` });
        continue;
      }
      if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment)))
        problems.push({ page, attribute, value, problem: `no element #${fragment} in ${target}` });
    }
  }
  return { problems, checked };
}
