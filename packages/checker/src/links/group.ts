import type { LinkInput, Source } from './types.js';

/** The text a URL is checked under: as written, trimmed, without its #fragment. */
export function urlKey(url: string): string {
  const text = url.trim();
  const hash = text.indexOf('#');
  return hash === -1 ? text : text.slice(0, hash);
}

/**
 * Groups inputs by the URL they check, keeping every source, in first-seen order. Most URLs are found
 * once: their list is made with its one source (`[source]`) rather than by a push into `[]`, which
 * reserves room for 17 (about 130 bytes a URL of nothing).
 */
export function groupInputs(inputs: Iterable<LinkInput>): Map<string, Source[]> {
  const groups = new Map<string, Source[]>();
  for (const input of inputs) {
    const key = urlKey(input.url);
    const found = input.source ? [input.source] : [];
    if (input.sources) for (const source of input.sources) found.push(source);
    const sources = groups.get(key);
    if (!sources) groups.set(key, found);
    else for (const source of found) sources.push(source);
  }
  return groups;
}
