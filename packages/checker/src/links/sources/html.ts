import type { LinkInput } from '../types.js';
import { scanTags } from './html-tags.js';
import { lineIndex, linkTarget, relativeTarget } from './lines.js';

/** The attributes that hold links worth checking (a form's action is a link its button follows). */
export const LINK_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster', 'action', 'formaction']);

/**
 * Links in HTML: href, src, cite and poster attributes of any tag, with their lines. Comments and the
 * contents of script and style elements are skipped. Relative links are resolved against <base href>
 * when there is one; otherwise they point into the site, and are handed to `onRelative` (internal links,
 * checked on disk) instead of the web checker. mailto:-like links are skipped, and links with other
 * schemes (ftp:...) are kept for the engine to report.
 */
export function htmlInputs(
  text: string,
  file: string,
  onRelative?: (value: string, source: { file: string; line: number; column: number }) => void,
): LinkInput[] {
  const position = lineIndex(text);
  const found: { value: string; offset: number }[] = [];
  let base: string | undefined;
  for (const tag of scanTags(text))
    for (const attribute of tag.attributes) {
      if (!LINK_ATTRIBUTES.has(attribute.name)) continue;
      const value = decodeEntities(attribute.value).trim();
      if (tag.name === 'base' && attribute.name === 'href') base ??= value;
      else found.push({ value, offset: attribute.valueOffset + leadingSpace(attribute.value) });
    }
  const inputs: LinkInput[] = [];
  for (const { value, offset } of found) {
    const url = absolute(value, base);
    if (url === undefined) {
      // Without <base href>, a relative link points at a file of the same site.
      if (onRelative && !base && relativeTarget(value) !== undefined)
        onRelative(value, { file, ...position(offset) });
      continue;
    }
    const { line, column } = position(offset);
    inputs.push({ url, source: { file, line, column } });
  }
  return inputs;
}

function leadingSpace(value: string): number {
  return value.length - value.trimStart().length;
}

function absolute(value: string, base: string | undefined): string | undefined {
  const target = linkTarget(value);
  if (target !== undefined || /^[a-z][a-z0-9+.-]+:/i.test(value)) return target;
  if (!base || value.startsWith('#') || value === '') return undefined;
  try {
    const resolved = new URL(value, base).href;
    return linkTarget(resolved);
  } catch {
    return undefined;
  }
}

const NAMED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED.get(body.toLowerCase()) ?? entity;
  });
}
