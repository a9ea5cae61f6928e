import type { LinkInput, Source } from './types.js';

/** The text a URL is checked under: as written, trimmed, without its #fragment. */
export function urlKey(url: string): string {
  const text = url.trim();
  const hash = text.indexOf('#');
  return hash === -1 ? text : text.slice(0, hash);
}

/** Groups inputs by the URL they check, keeping every source, in first-seen order. */
export function groupInputs(inputs: Iterable<LinkInput>): Map<string, Source[]> {
  const groups = new Map<string, Source[]>();
  for (const input of inputs) {
    const key = urlKey(input.url);
    let sources = groups.get(key);
    if (!sources) {
      sources = [];
      groups.set(key, sources);
    }
    if (input.source) sources.push(input.source);
    if (input.sources) sources.push(...input.sources);
  }
  return groups;
}
