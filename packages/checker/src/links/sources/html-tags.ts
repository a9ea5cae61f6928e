export interface Attribute {
  /** Lower-cased. */
  name: string;
  /** As written, entities not decoded. */
  value: string;
  /** Offset of the value's first character in the text. */
  valueOffset: number;
}

export interface Tag {
  /** Lower-cased. */
  name: string;
  /** Offsets of `<` and just past `>`. */
  start: number;
  end: number;
  attributes: Attribute[];
}

/** Elements whose content is text, not markup: a `<a href>` inside them is not a link. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext']);

const GT = 62;
const SLASH = 47;
const EQUALS = 61;

/**
 * The start tags of an HTML text and their attributes, in one forward pass. Comments, declarations, end
 * tags and the content of raw-text elements are skipped. Every search moves forward from where the
 * previous one ended and an unterminated construct (a comment, a quote, a tag without `>`) ends the scan,
 * so the cost is linear in the text whatever it holds: a regular expression that retried from every `<`
 * of a text full of tags that never close took quadratic time.
 */
export function* scanTags(text: string): Generator<Tag, void, undefined> {
  const n = text.length;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1 || lt + 1 >= n) return;
    const next = text.charCodeAt(lt + 1);
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close === -1) return;
      i = close + 3;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */ || next === SLASH) {
      const close = text.indexOf('>', lt + 2);
      if (close === -1) return;
      i = close + 1;
      continue;
    }
    if (!isLetter(next)) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(lt + 1, j).toLowerCase();
    const attributes: Attribute[] = [];
    let closed = false;
    while (j < n) {
      let c = text.charCodeAt(j);
      if (isSpace(c) || c === SLASH) {
        j++;
        continue;
      }
      if (c === GT) {
        j++;
        closed = true;
        break;
      }
      const nameStart = j;
      while (j < n) {
        c = text.charCodeAt(j);
        if (isSpace(c) || c === SLASH || c === GT || (c === EQUALS && j > nameStart)) break;
        j++;
      }
      const attributeName = text.slice(nameStart, j).toLowerCase();
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n || text.charCodeAt(j) !== EQUALS) continue;
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) break;
      const quote = text[j];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, j + 1);
        if (close === -1) return;
        attributes.push({ name: attributeName, value: text.slice(j + 1, close), valueOffset: j + 1 });
        j = close + 1;
      } else {
        const valueStart = j;
        while (j < n && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== GT) j++;
        attributes.push({ name: attributeName, value: text.slice(valueStart, j), valueOffset: valueStart });
      }
    }
    if (!closed) return;
    yield { name, start: lt, end: j, attributes };
    i = j;
    if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}[\\s/>]`, 'gi');
      end.lastIndex = i;
      const match = end.exec(text);
      if (!match) return;
      i = match.index + 2;
    }
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}
