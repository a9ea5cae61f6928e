import { decodeHTMLStrict } from 'entities';

/**
 * Inline formatting that registries put in titles (Crossref passes on the publisher's JATS: `<i>`, `<sub>`,
 * `<scp>` for small capitals...). Its text reads the same without it, so the tags are dropped quietly.
 */
const FORMATTING = new Set([
  'b',
  'bold',
  'em',
  'i',
  'italic',
  'monospace',
  'ovl',
  'sc',
  'scp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'tt',
  'u',
  'underline',
]);

const BREAKS = new Set(['br', 'p', 'div', 'title', 'subtitle', 'break']);

/** A start, end or empty tag; the name may carry a namespace (`jats:italic`, `mml:math`). */
const TAG = /<(\/?)([A-Za-z][\w.-]*(?::[\w.-]+)?)(?:\s[^<>]*)?\/?>/g;

export interface PlainText {
  text: string;
  /** Markup whose removal may have changed the meaning (MathML, unknown tags), by tag name. */
  flagged: string[];
}

/**
 * Registry metadata as plain text: tags removed, character references and named entities decoded (strictly:
 * `AT&T` stays as written), whitespace collapsed. Formatting tags go quietly; any other markup is removed
 * too but named in `flagged`, so that the command can ask for the result to be checked by eye.
 */
export function plainText(markup: string): PlainText {
  const flagged = new Set<string>();
  const stripped = markup.replace(TAG, (_tag, _close: string, name: string) => {
    const local = name.toLowerCase().replace(/^[\w.-]+:/, '');
    if (!FORMATTING.has(local)) flagged.add(name.toLowerCase());
    // A line break or a block separates words; inline markup (formatting, MathML's `<mi>x</mi>`) does not.
    return BREAKS.has(local) ? ' ' : '';
  });
  const text = decodeHTMLStrict(stripped).replace(/\s+/g, ' ').trim();
  return { text, flagged: [...flagged].sort() };
}
