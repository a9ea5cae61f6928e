// Plain text to BibTeX/LaTeX text for the classic bibliography.bib. BibTeX 0.99 counts bytes, not characters,
// so raw UTF-8 breaks its sorting, purification, case changes and initials ("J." from a two-byte letter is
// half a character); LaTeX commands never do. Every character gets a spelling, so any text that validates
// can be written: accent commands for Latin letters, math for Greek, and for anything else (CJK, Cyrillic,
// symbols) the character itself in a {\relax ...} group, which BibTeX treats as one letter.

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
  '\u00AD': '\\-',
  '\u00B1': '\\textpm{}',
  '\u2190': '\\textleftarrow{}',
  '\u2192': '\\textrightarrow{}',
  '\u2264': '{\\ensuremath{\\leq}}',
  '\u2265': '{\\ensuremath{\\geq}}',
  '\u221E': '{\\ensuremath{\\infty}}',
};

/** Greek letters that LaTeX has math commands for; the others (capital alpha looks like A) fall through. */
const GREEK = {
  α: '\\alpha',
  β: '\\beta',
  γ: '\\gamma',
  δ: '\\delta',
  ε: '\\epsilon',
  ϵ: '\\epsilon',
  ζ: '\\zeta',
  η: '\\eta',
  θ: '\\theta',
  ϑ: '\\vartheta',
  ι: '\\iota',
  κ: '\\kappa',
  λ: '\\lambda',
  μ: '\\mu',
  µ: '\\mu',
  ν: '\\nu',
  ξ: '\\xi',
  π: '\\pi',
  ϖ: '\\varpi',
  ρ: '\\rho',
  ϱ: '\\varrho',
  σ: '\\sigma',
  ς: '\\varsigma',
  τ: '\\tau',
  υ: '\\upsilon',
  φ: '\\phi',
  ϕ: '\\phi',
  χ: '\\chi',
  ψ: '\\psi',
  ω: '\\omega',
  Γ: '\\Gamma',
  Δ: '\\Delta',
  Θ: '\\Theta',
  Λ: '\\Lambda',
  Ξ: '\\Xi',
  Π: '\\Pi',
  Σ: '\\Sigma',
  Υ: '\\Upsilon',
  Φ: '\\Phi',
  Ψ: '\\Psi',
  Ω: '\\Omega',
};

/** Control characters and line or paragraph separators: whitespace in a field, never a character of it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * Escapes text for a BibTeX field: LaTeX specials are escaped and every non-ASCII character becomes ASCII,
 * an accented letter as one brace group ({\'e}) so BibTeX sorts and case-changes it as a letter. Never
 * throws: a character without a LaTeX spelling is kept in a {\relax ...} group (see the top of the file).
 */
export function latex(text) {
  // Most text is printable ASCII without a special character: nothing to do.
  if (PLAIN.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char in SPECIAL) out += SPECIAL[char];
    else if (char <= '\u007E' && char >= ' ') out += char;
    else if (BREAKING.test(char)) out += ' ';
    else if (char in PUNCTUATION) out += PUNCTUATION[char];
    else out += spelled(char);
  }
  return out;
}

/**
 * One non-ASCII character as a brace group that BibTeX counts as one letter: {\'e} for é, {\c{c}} for ç,
 * {\ensuremath{\lambda}} for λ, {\relax 李} for anything else.
 */
function spelled(char) {
  if (char in LETTERS) return `{${LETTERS[char]}}`;
  if (char in GREEK) return `{\\ensuremath{${GREEK[char]}}}`;
  const [base, ...marks] = char.normalize('NFD');
  if (!base || !/^[A-Za-z]$/.test(base) || marks.length === 0 || !marks.every((m) => m in ACCENTS)) {
    // A group that opens with a control sequence is a "special character" to BibTeX: one letter for
    // initials, labels and text.length$, whatever bytes follow. \relax prints nothing itself.
    return `{\\relax ${char}}`;
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
 * Escapes text for a UTF-8 BibTeX field (the biblatex flavour, read by biber): LaTeX specials are escaped
 * and line breaks become spaces, every other character is kept as it is.
 */
export function latexUtf8(text) {
  if (PLAIN.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (char in SPECIAL) out += SPECIAL[char];
    else if (BREAKING.test(char)) out += ' ';
    else out += char;
  }
  return out;
}

/**
 * Escapes a title and protects each word that contains a capital letter with braces ({Xen}, {VMware},
 * {SOSP}), so styles that lowercase titles keep them as published. Punctuation around a word stays outside
 * the braces: "Disco:" becomes "{Disco}:". `encode` is latex (ASCII) or latexUtf8.
 */
export function latexTitle(title, encode = latex) {
  return title
    .split(/(\s+)/)
    .map((token) => {
      if (/^\s+$/.test(token) || !/\p{Lu}/u.test(token)) return encode(token);
      const match = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(token);
      const [, lead, word, trail] = match ?? ['', '', token, ''];
      return `${encode(lead)}{${encode(word)}}${encode(trail)}`;
    })
    .join('');
}
