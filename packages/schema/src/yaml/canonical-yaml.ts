import jsyaml from 'js-yaml';

/**
 * A parser for the restricted YAML layout that `virtbib fmt` writes, several times faster than a general
 * parser because that layout is regular: one mapping key or sequence item per line at an exact indentation
 * (two spaces a level, sequence dashes indented under their key), plain scalars (continued on deeper lines
 * when long), double-quoted scalars without escapes, single-quoted scalars, flow lists of plain scalars,
 * and folded or literal block scalars.
 *
 * It returns the same data as js-yaml with the core schema, or `undefined` for anything outside that
 * layout, which then goes to js-yaml: comments in odd places, escapes, anchors, tags, multi-line quoted
 * strings, documents markers, duplicate keys, CRLF, tabs, control characters, trailing blanks, odd
 * indentation, a missing or doubled final newline. So a text this parser accepts has no layout problem
 * either. The equivalence is tested differentially (test/canonical-yaml.test.ts) on the real dataset, the
 * synthetic benchmark sets and a corpus of edge cases.
 */
export function parseCanonicalYaml(text: string, known: { printableAscii?: boolean } = {}): unknown {
  if (!text.endsWith('\n') || text.endsWith('\n\n')) return undefined;
  // A text known to hold only line feeds and printable ASCII (its reader looked) has none of these.
  if (!known.printableAscii && REFUSED_CHARACTERS.test(text)) return undefined;
  const parser = new Parser(text);
  try {
    parser.next();
    if (parser.indent !== 0 || parser.isItem()) return undefined;
    const data = parser.mapping(0);
    return parser.done ? data : undefined;
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

// Tabs, carriage returns, the characters js-yaml refuses as non-printable, and the line and paragraph
// separators and byte-order marks some readers treat specially: all left to js-yaml.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const REFUSED_CHARACTERS = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** Thrown (never escapes) when the text leaves the layout; the caller falls back to js-yaml. */
const OUTSIDE = Symbol('outside the canonical layout');
function outside(): never {
  throw OUTSIDE;
}

// js-yaml resolves these keys to null or a boolean, then turns them back into a different string.
const RESOLVED_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/** What cannot start a plain scalar (or means something else there): left to js-yaml. */
const INDICATOR = /^(?:[?:,[\]{}#&*!|>'"%@`\s]|-(?:\s|$))/;
// The same tests as tables of the first character, which the hot paths use instead of a regex call.
const INDICATOR_CHARS = table('?:,[]{}#&*!|>\'"%@` \t\n\r\f\v');
const TYPED_CHARS = table('-+.~0123456789nNtTfF');
function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
/** INDICATOR.test(s) for a non-empty s, without a regex call. */
function startsWithIndicator(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 45 /* - */) {
    const next = s.charCodeAt(1);
    return Number.isNaN(next) || next === 32 || (next >= 9 && next <= 13);
  }
  // Non-ASCII whitespace would also be an indicator for the regex (\s); it is refused before parsing.
  return c < 128 ? INDICATOR_CHARS[c] === 1 : /^\s/.test(s);
}
/** A plain scalar of the core schema that may resolve to null, a boolean or a number starts with these. */
// The core schema's implicit types (null, bool, int, float), in js-yaml's order: resolving with the same
// objects keeps this parser's scalars identical to js-yaml's. Its typings leave `implicit` out.
const IMPLICIT = (jsyaml.CORE_SCHEMA as unknown as { implicit: jsyaml.Type[] }).implicit;
/** Up to this many keys, a mapping's keys are compared as they come; beyond, counted at the end. */
const SMALL_MAPPING = 24;
/** Deeper than any data file goes: a text nested further is left to js-yaml (and its depth limit). */
const MAX_INDENT = 64;

class Parser {
  /** Start of the current line, its end (the newline), and its indentation; `done` past the last line. */
  start = 0;
  end = 0;
  indent = 0;
  done = false;
  /** Whether blank lines came before the current line. */
  afterBlank = false;
  private nextStart = 0;
  /** The keys of the mappings being read, outermost first, and where the innermost one's end (see mapping). */
  private seen: string[] = [];
  private seenTop = 0;

  constructor(private readonly text: string) {}

  /** Moves to the next line that holds content, skipping blank lines. */
  next(): void {
    const text = this.text;
    this.afterBlank = false;
    for (;;) {
      if (this.nextStart >= text.length) {
        this.done = true;
        this.indent = -1;
        return;
      }
      const start = this.nextStart;
      const end = text.indexOf('\n', start);
      this.nextStart = end + 1;
      if (end === start) {
        this.afterBlank = true;
        continue;
      }
      let i = start;
      while (text.charCodeAt(i) === 32) i++;
      // A blank line with spaces, or one ending in a space, is a layout problem.
      if (i === end || text.charCodeAt(end - 1) === 32) outside();
      // Comments are left to js-yaml: they may sit where this parser would not expect them.
      if (text.charCodeAt(i) === 35 /* # */) outside();
      this.start = start;
      this.end = end;
      this.indent = i - start;
      if (this.indent > MAX_INDENT || this.indent % 2 === 1) outside();
      return;
    }
  }

  isItem(): boolean {
    const at = this.start + this.indent;
    return (
      this.text.charCodeAt(at) === 45 /* - */ && (at + 1 === this.end || this.text.charCodeAt(at + 1) === 32)
    );
  }

  /**
   * Where the key starting at `at` ends (its colon): a letter, then letters, digits, `_` or `-`. Anything
   * else (a dash item, quotes, spaces) is left to js-yaml.
   */
  private keyEnd(at: number): number {
    const text = this.text;
    const end = this.end;
    let c = text.charCodeAt(at);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) outside();
    let i = at + 1;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c === 58 /* : */) break;
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45))
        outside();
    }
    if (i === end) outside();
    return i;
  }

  /**
   * Where the key of a sequence item that is a mapping ends (its colon), or -1 when the item at `at` is not
   * `key:` followed by a space or the end of the line: a letter, then letters, digits, `_` or `-`.
   */
  private itemKeyEnd(at: number): number {
    const text = this.text;
    const end = this.end;
    let c = text.charCodeAt(at);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return -1;
    let i = at + 1;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45))
        break;
    }
    if (i === end || c !== 58 /* : */) return -1;
    return i + 1 === end || text.charCodeAt(i + 1) === 32 ? i : -1;
  }

  /** A block mapping whose keys stand at `indent`: the current line, or `firstKey` on a dash's line. */
  mapping(indent: number, firstKey?: string, firstFrom = 0): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    // A key written twice is left to js-yaml, which reports it. The keys of a small mapping (most have a
    // handful, all from keyAt's table, so comparing them is comparing pointers) are looked for among
    // those before it, kept on a stack that nested mappings use above them; a larger mapping's keys are
    // counted once at the end.
    const seen = this.seen;
    const base = this.seenTop;
    let keys = 0;
    if (firstKey !== undefined) {
      seen[base] = firstKey;
      keys = 1;
      this.seenTop = base + 1;
      map[firstKey] = this.value(firstFrom, indent);
    }
    while (!this.done && this.indent === indent) {
      const at = this.start + indent;
      const colon = this.keyEnd(at);
      const key = keyAt(this.text, at, colon);
      if (keys < SMALL_MAPPING) {
        for (let i = base; i < base + keys; i++) if (seen[i] === key) outside();
        seen[base + keys] = key;
        this.seenTop = base + keys + 1;
      }
      map[key] = this.value(colon + 1, indent);
      keys++;
    }
    this.seenTop = base;
    if (!this.done && this.indent > indent) outside();
    if (keys > SMALL_MAPPING && Object.keys(map).length !== keys) outside();
    return map;
  }

  /** A block sequence whose dashes stand at `indent`; the current line is its first item. */
  sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    while (!this.done && this.indent === indent) {
      if (!this.isItem()) outside();
      const at = this.start + indent + 2;
      if (at > this.end) outside();
      // An item that is a mapping starts with its first key on the dash's line. The key is looked for on
      // this line only: a list of 100k plain IDs must not scan ahead to the next colon for each one.
      const colon = this.itemKeyEnd(at);
      if (colon !== -1) list.push(this.mapping(indent + 2, keyAt(this.text, at, colon), colon + 1));
      else list.push(this.inline(at, indent));
    }
    if (!this.done && this.indent > indent) outside();
    return list;
  }

  /** The value after `key:` (at `from`, the colon's next character) of a key at `indent`. */
  private value(from: number, indent: number): unknown {
    if (from === this.end) {
      // A nested mapping or sequence, two spaces deeper; anything else (an empty value) is left to js-yaml.
      this.next();
      if (this.done || this.indent !== indent + 2) outside();
      return this.isItem() ? this.sequence(indent + 2) : this.mapping(indent + 2);
    }
    if (this.text.charCodeAt(from) !== 32) outside();
    return this.inline(from + 1, indent);
  }

  /** A scalar or flow list starting at `from` on the current line, inside a node at `indent`. */
  private inline(from: number, indent: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(from);
    if (from >= this.end) outside();
    if (c === 34 /* " */) return this.doubleQuoted(from);
    if (c === 39 /* ' */) return this.singleQuoted(from);
    if (c === 91 /* [ */) return this.flowList(from);
    if (c === 62 /* > */ || c === 124 /* | */) return this.blockScalar(from, indent);
    return this.plain(from, indent);
  }

  private doubleQuoted(from: number): string {
    const close = this.text.indexOf('"', from + 1);
    if (close === -1 || close !== this.end - 1) outside();
    const value = this.text.slice(from + 1, close);
    if (value.includes('\\')) outside();
    this.next();
    return value;
  }

  private singleQuoted(from: number): string {
    if (this.end - 1 === from || this.text.charCodeAt(this.end - 1) !== 39) outside();
    const inner = this.text.slice(from + 1, this.end - 1);
    // Inside, a quote is written twice; a lone one would have ended the scalar early.
    if (inner.replaceAll("''", '').includes("'")) outside();
    this.next();
    return inner.replaceAll("''", "'");
  }

  private flowList(from: number): unknown[] {
    if (this.text.charCodeAt(this.end - 1) !== 93 /* ] */) outside();
    const inner = this.text.slice(from + 1, this.end - 1);
    this.next();
    if (inner === '') return [];
    return inner.split(', ').map((item) => {
      if (item === '' || INDICATOR.test(item) || /[,[\]{}#:]|\s$/.test(item)) outside();
      return resolvePlain(item);
    });
  }

  /** `>-`, `>`, `|-` or `|`, with every content line exactly two spaces deeper than its key. */
  private blockScalar(from: number, indent: number): string {
    const header = this.text.slice(from, this.end);
    const folded = header[0] === '>';
    if (header.length > 2 || (header.length === 2 && header[1] !== '-')) outside();
    const keep = header.length === 1;
    const text = this.text;
    const content = indent + 2;
    let out = '';
    let breaks = 0;
    let lines = 0;
    let pos = this.end + 1;
    // Content lines are read directly: comments and blank lines belong to the scalar here.
    for (;;) {
      if (pos >= text.length) break;
      const end = text.indexOf('\n', pos);
      if (end === pos) {
        breaks++;
        pos = end + 1;
        continue;
      }
      let i = pos;
      while (text.charCodeAt(i) === 32 && i - pos < content) i++;
      if (i - pos < content) {
        if (i === end) outside(); // a line of spaces only
        break;
      }
      // A more-indented line keeps its line breaks in a folded scalar: left to js-yaml.
      if (text.charCodeAt(i) === 32 || text.charCodeAt(end - 1) === 32) outside();
      const line = text.slice(i, end);
      if (lines === 0) {
        if (breaks > 0) outside();
        out = line;
      } else if (folded) out += breaks === 0 ? ` ${line}` : '\n'.repeat(breaks) + line;
      else out += '\n'.repeat(breaks + 1) + line;
      breaks = 0;
      lines++;
      pos = end + 1;
    }
    if (lines === 0) outside();
    // Blank lines after the content do not change a stripped (-) or clipped value.
    this.nextStart = pos;
    this.next();
    return keep ? `${out}\n` : out;
  }

  /** A plain scalar, continued on following lines that are deeper than `indent`. */
  private plain(from: number, indent: number): unknown {
    let value = this.text.slice(from, this.end);
    if (!isPlainPart(value) || startsWithIndicator(value)) outside();
    this.next();
    while (!this.done && this.indent > indent) {
      // A blank line inside a plain scalar is a line break in the value.
      if (this.isItem() || this.afterBlank) outside();
      const part = this.text.slice(this.start + this.indent, this.end);
      if (!isPlainPart(part) || startsWithIndicator(part)) outside();
      value += ` ${part}`;
      this.next();
    }
    return resolvePlain(value);
  }
}

// Keys come from a small vocabulary (the schemas' property names). Storing a property under a string V8
// has already seen as a key is about twice as fast as under a fresh substring, and finding the key among
// those already seen needs no substring at all: they are listed by length and first character, and the
// text is compared in place. The table is bounded, so a file of made-up keys cannot grow it without end.
const KEYS_BY_SHAPE = new Map<number, string[]>();
let keyCount = 0;

/**
 * The key written at text[at, end), a letter then letters, digits, `_` or `-`; keys that js-yaml would
 * read as null or a boolean (and turn into another string) are left to js-yaml.
 */
function keyAt(text: string, at: number, end: number): string {
  const shape = ((end - at) << 7) | text.charCodeAt(at);
  const known = KEYS_BY_SHAPE.get(shape);
  if (known !== undefined) for (const key of known) if (text.startsWith(key, at)) return key;
  const key = text.slice(at, end);
  // null, true, false in their three spellings: js-yaml turns them into other strings as keys.
  if (RESOLVED_KEY.test(key)) outside();
  if (keyCount < 4096) {
    keyCount++;
    if (known === undefined) KEYS_BY_SHAPE.set(shape, [key]);
    else known.push(key);
  }
  return key;
}

/** Text that reads as one piece of a plain scalar: no `: `, no ` #`, no trailing colon. */
function isPlainPart(part: string): boolean {
  // What /: | #|:$/ finds, by looking only at the colons (a URL has one or two) and for ` #`.
  if (part.includes(' #')) return false;
  for (let i = part.indexOf(':'); i !== -1; i = part.indexOf(':', i + 1))
    if (i === part.length - 1 || part.charCodeAt(i + 1) === 32) return false;
  return true;
}

/** What js-yaml's core schema makes of a plain scalar: null, a boolean, a number, or the string itself. */
export function resolvePlain(value: string): unknown {
  const c = value.charCodeAt(0);
  if (!(c < 128 && TYPED_CHARS[c] === 1)) return value;
  // Years and counts: digits without a leading zero, short enough to be exact, are what js-yaml's int
  // type makes of them (parseInt in base 10), without its resolver's checks for bases and underscores.
  if (c >= 49 && c <= 57 && value.length <= 15 && isDigits(value)) return Number(value);
  if (plainString(value, c)) return value;
  for (const type of IMPLICIT) if (type.resolve(value)) return type.construct(value);
  return value;
}

/**
 * True for a scalar that no implicit type can take, told without asking them: page ranges, dates, DOIs and
 * names would otherwise go through js-yaml's integer and float checks. Null and the booleans are words of
 * four or five letters (or `~`); integers and floats start with a sign, a digit or a dot, hold no space or
 * slash, and have a sign nowhere but first or right after an exponent's `e`.
 */
function plainString(value: string, first: number): boolean {
  if ((first >= 97 && first <= 122) || (first >= 65 && first <= 90))
    return value.length !== 4 && value.length !== 5;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 47 /* / */) return true;
    if (c === 43 /* + */ || c === 45 /* - */) {
      const before = value.charCodeAt(i - 1);
      if (before !== 101 && before !== 69 /* e E */) return true;
    }
  }
  return false;
}

function isDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
