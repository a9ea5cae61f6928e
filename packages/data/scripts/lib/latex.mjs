// Plain text to BibTeX/LaTeX text. The .bib file is pure ASCII: BibTeX 0.99 counts bytes, not characters,
// so UTF-8 breaks its sorting, purification and case changes; LaTeX accent commands never do.

/** Printable ASCII except \ { } & % $ # _ ~ ^ (the ranges skip 0x23-0x26 and 0x5C, 0x5E, 0x5F). */
const PLAIN = /^[ !"'-[\]`a-z|]*$/;

/** Characters LaTeX treats as commands, with text that prints them. Braces stay balanced: BibTeX counts them. */
const SPECIAL = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Letters that are not a base letter plus an accent. */
const LETTERS = {
  ß: '\\ss',
  æ: '\\ae',
  Æ: '\\AE',
  œ: '\\oe',
  Œ: '\\OE',
  ø: '\\o',
  Ø: '\\O',
  å: '\\aa',
  Å: '\\AA',
  ł: '\\l',
  Ł: '\\L',
  ı: '\\i',
  ȷ: '\\j',
  // These four need the T1 font encoding (\usepackage[T1]{fontenc}).
  ð: '\\dh',
  Ð: '\\DH',
  þ: '\\th',
  Þ: '\\TH',
  đ: '\\dj',
  Đ: '\\DJ',
};

/** Combining marks (after NFD) and the LaTeX accent commands for them. */
const ACCENTS = {
  '\u0300': '\\`',
  '\u0301': "\\'",
  '\u0302': '\\^',
  '\u0303': '\\~',
  '\u0304': '\\=',
  '\u0306': '\\u',
  '\u0307': '\\.',
  '\u0308': '\\"',
  '\u030A': '\\r',
  '\u030B': '\\H',
  '\u030C': '\\v',
  '\u0327': '\\c',
  '\u0328': '\\k',
};

/** Punctuation and spaces that have an ASCII spelling in LaTeX. */
const PUNCTUATION = {
  '\u00A0': '~',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': '\\,',
  '\u2010': '-',
  '\u2011': '-',
  '\u2013': '--',
  '\u2014': '---',
  '\u2018': '`',
  '\u2019': "'",
  '\u201C': '``',
  '\u201D': "''",
  '\u2026': '\\ldots{}',
  '\u00AB': '\\guillemotleft{}',
  '\u00BB': '\\guillemotright{}',
  '\u00A9': '\\textcopyright{}',
  '\u00AE': '\\textregistered{}',
  '\u2122': '\\texttrademark{}',
  '\u00B0': '\\textdegree{}',
  '\u00D7': '\\texttimes{}',
  '\u00A7': '\\S{}',
};

export class LatexEncodingError extends Error {
  constructor(char, text) {
    const code = `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    super(`Cannot write ${code} ("${char}") in "${text}" as LaTeX. Add it to scripts/lib/latex.mjs.`);
    this.name = 'LatexEncodingError';
  }
}

/**
 * Escapes text for a BibTeX field: LaTeX specials are escaped and every non-ASCII character becomes an ASCII
 * LaTeX command, an accented letter as one brace group ({\'e}) so BibTeX sorts and case-changes it as a letter.
 * Throws LatexEncodingError for a character it has no spelling for, rather than writing something wrong.
 */
export function latex(text) {
  // Most text is printable ASCII without a special character: nothing to do.
  if (PLAIN.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char in SPECIAL) out += SPECIAL[char];
    else if (char <= '\u007E' && char >= ' ') out += char;
    else if (char === '\n' || char === '\t' || char === '\r') out += ' ';
    else if (char in PUNCTUATION) out += PUNCTUATION[char];
    else out += accented(char, text);
  }
  return out;
}

/** {\'e} for é, {\c{c}} for ç: a base letter and its accent commands, as one brace group. */
function accented(char, text) {
  if (char in LETTERS) return `{${LETTERS[char]}}`;
  const [base, ...marks] = char.normalize('NFD');
  if (!base || !/^[A-Za-z]$/.test(base) || marks.length === 0 || !marks.every((m) => m in ACCENTS)) {
    throw new LatexEncodingError(char, text);
  }
  // {\'i}, not {\'\i}: LaTeX has printed both as í for years, and readers of .bib files (citation-js,
  // Zotero) turn \i into a dotless ı.
  let body = base;
  for (const mark of marks) {
    const command = ACCENTS[mark];
    // Letter-named accents (\c, \v, \H...) need braces; symbol accents (\', \") take the letter directly.
    body = /[a-zA-Z]$/.test(command) ? `${command}{${body}}` : `${command}${body}`;
  }
  return `{${body}}`;
}

/**
 * Escapes a title and protects each word that contains a capital letter with braces ({Xen}, {VMware},
 * {SOSP}), so styles that lowercase titles keep them as published. Punctuation around a word stays outside
 * the braces: "Disco:" becomes "{Disco}:".
 */
export function latexTitle(title) {
  return title
    .split(/(\s+)/)
    .map((token) => {
      if (/^\s+$/.test(token) || !/\p{Lu}/u.test(token)) return latex(token);
      const match = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(token);
      const [, lead, word, trail] = match ?? ['', '', token, ''];
      return `${latex(lead)}{${latex(word)}}${latex(trail)}`;
    })
    .join('');
}
