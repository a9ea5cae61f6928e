import type { LinkInput } from '../types.js';
import { decodeEntities, LINK_ATTRIBUTES } from './html.js';
import { scanTags } from './html-tags.js';
import { blank, blankSpans, isWebUrl, linkTarget, relativeTarget } from './lines.js';

// Every pattern below is linear in the line: no two quantifiers can match the same characters, and the
// classes stop at the character that would start the next attempt (`<` in autolinks and <...> targets).
// Inline link or image targets: ](url), ](<url>), allowing one level of parentheses in the URL.
const INLINE = /\]\(\s*(?:<([^<>\n]+)>|((?:[^()\s]|\((?:[^()\s])*\))+))/g;
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>/g;
const REFERENCE = /^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?/;
const BARE = /https?:\/\/[^\s<>()[\]{}"'`]+(?:\([^\s<>()]*\)[^\s<>()[\]{}"'`]*)*/gi;

/**
 * Links in Markdown with their lines: inline links and images, reference definitions, autolinks, bare
 * URLs (as GitHub links them) and href/src in inline HTML. Fenced code blocks and code spans are skipped,
 * and so are mailto:-like links; relative links point into the repository, not to the web, and are handed
 * to `onRelative` (internal links, checked on disk); links with another scheme (ftp:...) are kept, for
 * the engine to report.
 */
export function markdownInputs(
  text: string,
  file: string,
  onRelative?: (value: string, source: { file: string; line: number; column: number }) => void,
): LinkInput[] {
  const inputs: LinkInput[] = [];
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence !== undefined) {
      if (
        opening &&
        opening[1]![0] === fence[0] &&
        opening[1]!.length >= fence.length &&
        raw.trim() === opening[1]
      )
        fence = undefined;
      continue;
    }
    if (opening) {
      fence = opening[1]!;
      continue;
    }
    const found: LinkInput[] = [];
    const add = (value: string, index: number, target = linkTarget(value)) => {
      const source = { file, line: i + 1, column: index + 1 };
      if (target !== undefined) found.push({ url: target, source });
      else if (onRelative && relativeTarget(value) !== undefined) onRelative(value, source);
    };
    let line = blankCodeSpans(raw);
    const reference = REFERENCE.exec(line);
    if (reference) {
      add(reference[1]!, line.indexOf(reference[1]!));
      line = blank(line);
    }
    for (const match of line.matchAll(INLINE)) {
      const url = match[1] ?? match[2] ?? '';
      add(url.trim(), match.index + match[0].indexOf(url));
    }
    line = line.replace(INLINE, blank);
    for (const match of line.matchAll(AUTOLINK)) add(match[1]!, match.index + 1);
    line = line.replace(AUTOLINK, blank);
    const tags: [number, number][] = [];
    for (const tag of scanTags(line)) {
      tags.push([tag.start, tag.end]);
      for (const attribute of tag.attributes)
        if (LINK_ATTRIBUTES.has(attribute.name))
          add(decodeEntities(attribute.value).trim(), attribute.valueOffset);
    }
    line = blankSpans(line, tags);
    for (const match of line.matchAll(BARE)) {
      const url = match[0].replace(/[.,;:!?*_~]+$/, '');
      if (isWebUrl(url)) add(url, match.index, url);
    }
    // In reading order, whichever syntax found them.
    found.sort((a, b) => (a.source!.column ?? 0) - (b.source!.column ?? 0));
    for (const input of found) inputs.push(input);
  }
  return inputs;
}

/**
 * A line with its code spans blanked. A run of n backticks opens a span that the next run of exactly n
 * closes; a run without a partner is text. The partner of every run is found in one backward pass, so
 * the cost is linear where a backreferencing regular expression was cubic on long runs of backticks.
 */
export function blankCodeSpans(line: string): string {
  const runs: { start: number; length: number }[] = [];
  for (let i = line.indexOf('`'); i !== -1; i = line.indexOf('`', i)) {
    let j = i;
    while (line.charCodeAt(j) === 96) j++;
    runs.push({ start: i, length: j - i });
    i = j;
  }
  if (runs.length < 2) return line;
  const partner = new Array<number>(runs.length);
  const nextOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    partner[k] = nextOfLength.get(runs[k]!.length) ?? -1;
    nextOfLength.set(runs[k]!.length, k);
  }
  const spans: [number, number][] = [];
  for (let k = 0; k < runs.length; ) {
    const close = partner[k]!;
    if (close === -1) {
      k++;
      continue;
    }
    spans.push([runs[k]!.start, runs[close]!.start + runs[close]!.length]);
    k = close + 1;
  }
  return blankSpans(line, spans);
}
