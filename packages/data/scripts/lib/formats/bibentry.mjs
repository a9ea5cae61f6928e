// What the classic and the biblatex writers share: an entry's text, its key, its names, its verbatim fields.

/** What a key may be: BibTeX ends a key at a comma, brace or space. The id-format rule allows much less. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:+/-]*$/;

/**
 * One entry, `@type{key,` then one `  field = value,` line per field in `order`, then `}`. Values arrive
 * ready to write (braced and escaped). Throws for a key BibTeX would misread, rather than writing an entry
 * that takes its neighbours with it (validation rejects such an ID long before).
 * @param {string} type
 * @param {string} key
 * @param {Map<string, string>} fields
 * @param {readonly string[]} order every field name a writer can produce, in the order to write them
 */
export function bibRecord(type, key, fields, order) {
  if (!KEY.test(key)) throw new Error(`Cannot write the entry ID ${JSON.stringify(key)} as a BibTeX key.`);
  const body = [...fields]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([name, value]) => `  ${name} = ${value},`)
    .join('\n');
  return `@${type}{${key},\n${body}\n}\n`;
}

/**
 * "Family, Given" so BibTeX never guesses which part is which; organizations braced whole.
 * @param {{ family: string, given?: string } | { literal: string }} person
 * @param {(text: string) => string} encode
 */
export function bibName(person, encode) {
  if ('literal' in person) return `{${encode(person.literal)}}`;
  const family = encode(person.family);
  // A family name with a comma or the word "and" would split the name list: protect it.
  const safeFamily = /,|\band\b/i.test(person.family) ? `{${family}}` : family;
  return person.given === undefined ? safeFamily : `${safeFamily}, ${encode(person.given)}`;
}

/**
 * Characters a URL or DOI never holds literally but hostile data might: braces (BibTeX must balance them),
 * whitespace and control characters (they would end the value or the line). Percent-encoded, as in a URL.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE_IN_VERBATIM = /[{}\s\u0000-\u001F\u007F-\u009F]/gu;

// The module runs these writers too, in browsers as well as Node: TextEncoder, not Buffer.
const utf8 = new TextEncoder();

export function percentEncodeUnsafe(value) {
  return value.replace(UNSAFE_IN_VERBATIM, (char) =>
    [...utf8.encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
