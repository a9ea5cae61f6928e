// Entries for the writers' tests: every entry type, every escape, every script, and hostile values that
// validation is meant to reject but a writer must survive (defence in depth).
import type { Entry } from '@virtbib/schema';

export const base: Entry = {
  id: 'doe2020thing',
  type: 'article-journal',
  title: 'A Thing',
  authors: [{ family: 'Doe', given: 'Jane' }],
  year: 2020,
  topics: ['cpu'],
  annotation: 'An annotation long enough for the schema.',
  provenance: { source: 'contributed' },
};

/** Entries that exercise every entry type and every escape. */
export const tricky: Entry[] = [
  {
    ...base,
    id: 'tricky-specials',
    title: 'Costs & Benefits: 50% of $5 for #1 in C_x with {braces}, ~tilde, ^caret and back\\slash',
    authors: [
      { family: 'Müller-Łukasiewicz', given: 'Jörg' },
      { family: 'de la Fuente', given: 'Ana' },
      { literal: 'AT&T Labs, Inc.' },
    ],
    containerTitle: 'Journal of Ünïcödé — and “Quotes”',
    volume: '3',
    issue: '4',
    pages: 'e12-e20',
    month: 2,
    doi: '10.1000/a_b',
    urls: { landing: 'https://example.org/a_b%20c#frag' },
    annotation: 'Ça coûte 100% — “cher” & {rare} in Straße.',
  },
  {
    ...base,
    id: 'tricky-conference',
    type: 'paper-conference',
    containerTitle: "Proceedings of the 1st Workshop on Things (THINGS '20)",
    collectionTitle: 'Lecture Notes in Things',
    volume: '12',
    issue: '3',
    editors: [{ family: 'Roe', given: 'Richard' }],
    publisher: 'Springer',
    publisherPlace: 'Berlin',
    eventPlace: 'Lisbon, Portugal',
  },
  { ...base, id: 'tricky-conference-number', type: 'paper-conference', containerTitle: 'Proc.', issue: '3' },
  { ...base, id: 'tricky-no-journal', containerTitle: undefined },
  {
    ...base,
    id: 'tricky-book',
    type: 'book',
    publisher: 'MIT Press',
    editors: [{ family: 'Roe' }],
    isbn: '978-0-262-00000-0',
  },
  { ...base, id: 'tricky-book-no-publisher', type: 'book' },
  { ...base, id: 'tricky-phd', type: 'thesis', genre: 'PhD thesis', publisher: 'MIT', number: 'TR-1' },
  { ...base, id: 'tricky-masters', type: 'thesis', genre: "Master's thesis", publisher: 'ETH Zürich' },
  { ...base, id: 'tricky-diploma', type: 'thesis', genre: 'Diploma thesis', publisher: 'TU Wien' },
  {
    ...base,
    id: 'tricky-report',
    type: 'report',
    genre: 'Technical report',
    number: 'TR-7',
    publisher: 'SUNY',
  },
  { ...base, id: 'tricky-chapter', type: 'chapter', containerTitle: 'A Book', publisher: 'ACM' },
  { ...base, id: 'tricky-webpage', type: 'webpage', year: undefined, urls: { landing: 'https://x.org/a_b' } },
  {
    ...base,
    id: 'tricky-software',
    type: 'software',
    containerTitle: 'GitHub',
    urls: { open: 'https://x.org/s' },
  },
  // Text that validates but has no ASCII LaTeX spelling: it must be written, never stop the build.
  {
    ...base,
    id: 'tricky-scripts',
    title: 'λ-Calculus on Ωmega: Виртуализация and 虚拟化 🚀 → ∞',
    authors: [
      { family: '李', given: '小龙' },
      { family: 'Ἀριστοτέλης' },
      { family: 'Иванов', given: 'Иван' },
    ],
    containerTitle: 'Ελληνικά Journal',
    annotation: 'Lines\u2028separated\u0085by\u001Eodd\u0000controls, still one field.',
  },
];

/**
 * Values that break out of HTML attributes, start tags, forge RIS lines or records, or link a script: what a
 * pull request could try if validation let it through.
 */
export const hostile: Entry = {
  ...base,
  id: 'hostile2020values',
  type: 'paper-conference',
  title: 'Title <script>alert(1)</script> & "quotes" \u2028TY  - JOUR',
  authors: [{ family: 'Doe"><img src=x onerror=alert(1)>', given: 'J\u0085ER  - ' }],
  containerTitle: 'Proc. <b onmouseover="x">',
  containerTitleShort: 'SHORT\u001CER  - \u001D\u001ETY  - GEN\r\nID  - forged',
  publisher: 'Pub\u2029lisher',
  doi: '10.5555/x"autofocus/onfocus=alert(1)<&>',
  urls: { landing: 'javascript:alert(document.cookie)' },
  annotation: 'An annotation with a forged record:\r\nER  - \r\n\r\nTY  - JOUR\nTI  - forged',
};
