import type { LinkInput } from '../types.js';
import { htmlInputs } from './html.js';
import { blank, isWebUrl } from './lines.js';

// Inline link or image targets: ](url), ](<url>), allowing one level of parentheses in the URL.
const INLINE = /\]\(\s*(?:<([^>\n]+)>|((?:[^()\s]|\((?:[^()\s])*\))+))/g;
const AUTOLINK = /<(https?:\/\/[^>\s]+)>/gi;
const REFERENCE = /^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?/;
const BARE = /https?:\/\/[^\s<>()[\]{}"'`]+(?:\([^\s<>()]*\)[^\s<>()[\]{}"'`]*)*/gi;

/**
 * Links in Markdown with their lines: inline links and images, reference definitions, autolinks, bare
 * URLs (as GitHub links them) and href/src in inline HTML. Fenced code blocks and code spans are skipped,
 * and so are relative links (they point into the repository, not to the web).
 */
export function markdownInputs(text: string, file: string): LinkInput[] {
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
    let line = raw.replace(/(`+)[^`]*?\1/g, blank);
    const add = (url: string, index: number) => {
      if (isWebUrl(url)) inputs.push({ url, source: { file, line: i + 1, column: index + 1 } });
    };
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
    for (const input of htmlInputs(line, file)) add(input.url, (input.source?.column ?? 1) - 1);
    line = line.replace(/<[a-zA-Z][^>]*>/g, blank);
    for (const match of line.matchAll(BARE)) {
      const url = match[0].replace(/[.,;:!?*_~]+$/, '');
      add(url, match.index);
    }
  }
  // In reading order, whichever syntax found them.
  return inputs.sort(
    (a, b) => a.source!.line - b.source!.line || (a.source!.column ?? 0) - (b.source!.column ?? 0),
  );
}
