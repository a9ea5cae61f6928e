/**
 * Where each page lives in the output, as a path from the site's root. Links between pages are made
 * relative (`relative(from, to)`), so that the site works under any base path and from disk; only pages
 * served at an unknown address (the 404 page) and the feeds use the base path or the absolute URL.
 */

/**
 * A file name for an ID. IDs are lowercase letters, digits and hyphens by the schema; anything else (which
 * would be a bug upstream) is escaped as ~HH per UTF-8 byte, so that no ID can climb out of its folder or
 * collide with another on a case-insensitive disk.
 */
export function slug(id: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(id)) {
    const c = String.fromCharCode(byte);
    out += /[a-z0-9-]/.test(c) ? c : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out === '' ? '~' : out;
}

export const PAGES = {
  home: 'index.html',
  search: 'search.html',
  timeline: 'timeline.html',
  notes: 'notes.html',
  links: 'links.html',
  notFound: '404.html',
  feed: 'feed.xml',
  sitemap: 'sitemap.xml',
} as const;

export const entryPath = (id: string) => `entries/${slug(id)}.html`;
export const topicPath = (id: string) => `topics/${slug(id)}.html`;
export const notePath = (id: string) => `notes/${slug(id)}.html`;
/** The published files of @virtbib/data, copied beside the site. */
export const dataPath = (file: string) => `data/${file}`;
export const topicDataPath = (id: string, ext: 'bib' | 'ris' | 'json') => `data/topics/${slug(id)}.${ext}`;

/** The relative URL from one page to another, both given from the site's root. */
export function relative(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common])
    common++;
  const up = '../'.repeat(fromDirs.length - common);
  return `${up}${toParts.slice(common).join('/')}`;
}
