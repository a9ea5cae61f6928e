import type { LinkInput } from '../types.js';
import { blank, isWebUrl, lineIndex } from './lines.js';

const TAG = /<([a-zA-Z][\w:-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /(?:^|\s)(href|src|cite|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/**
 * Links in HTML: href, src, cite and poster attributes of any tag, with their lines. Comments and the
 * contents of script and style elements are skipped. Relative links are resolved against <base href>
 * when there is one and skipped otherwise (they point into the site, not to the web).
 */
export function htmlInputs(text: string, file: string): LinkInput[] {
  const cleaned = text
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(
      /(<(script|style)\b[^>]*>)([\s\S]*?)(<\/\2\s*>)/gi,
      (_all, open: string, _name, body: string, close: string) => open + blank(body) + close,
    );
  const position = lineIndex(text);
  const found: { value: string; offset: number }[] = [];
  let base: string | undefined;
  for (const tag of cleaned.matchAll(TAG)) {
    const name = tag[1]!.toLowerCase();
    const attributes = tag[2] ?? '';
    const attributesOffset = tag.index + 1 + tag[1]!.length;
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const raw = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      const value = decodeEntities(raw).trim();
      const valueOffset = attributesOffset + attribute.index + attribute[0].indexOf(raw);
      if (name === 'base' && attribute[1]!.toLowerCase() === 'href') base ??= value;
      else found.push({ value, offset: valueOffset });
    }
  }
  const inputs: LinkInput[] = [];
  for (const { value, offset } of found) {
    const url = absolute(value, base);
    if (url === undefined) continue;
    const { line, column } = position(offset);
    inputs.push({ url, source: { file, line, column } });
  }
  return inputs;
}

function absolute(value: string, base: string | undefined): string | undefined {
  if (isWebUrl(value)) return value;
  if (value.startsWith('//')) return `https:${value}`;
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('#') || value === '') return undefined;
  try {
    const resolved = new URL(value, base).href;
    return isWebUrl(resolved) ? resolved : undefined;
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

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED.get(body.toLowerCase()) ?? entity;
  });
}
