// dist/bibliography.bib: the escaping, the entry types, and the real judge: bibtex with the plain style.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishedEntry } from '@virtbib/schema';
import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexName, toBibtex } from '../scripts/lib/bibtex.mjs';
import { LatexEncodingError, latex, latexTitle } from '../scripts/lib/latex.mjs';
import { hasProgram, readDist, readDistJson, tempDir } from './helpers.js';

const haveBibtex = hasProgram('bibtex');
const bib = readDist('bibliography.bib');
const published = readDistJson<{ entries: PublishedEntry[] }>('bibliography.json');

const base: PublishedEntry = {
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
const tricky: PublishedEntry[] = [
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
];

/** Runs bibtex with plain.bst over a .bib text and returns its log and the .bbl. */
function runBibtex(text: string) {
  const temp = tempDir('bibtex');
  try {
    writeFileSync(join(temp.dir, 'bibliography.bib'), text);
    writeFileSync(join(temp.dir, 'test.aux'), '\\citation{*}\n\\bibstyle{plain}\n\\bibdata{bibliography}\n');
    const run = spawnSync('bibtex', ['test'], { cwd: temp.dir, encoding: 'utf8' });
    const bbl = run.status === 0 ? readFileSync(join(temp.dir, 'test.bbl'), 'utf8') : '';
    return { status: run.status, log: `${run.stdout}${run.stderr}`, bbl };
  } finally {
    temp.cleanup();
  }
}

const skipNote = haveBibtex
  ? ''
  : ' (skipped: bibtex is not installed; apt-get install texlive-binaries texlive-base)';

describe('bibtex plain', () => {
  it.skipIf(!haveBibtex)(`accepts dist/bibliography.bib without errors or warnings${skipNote}`, () => {
    const { status, log, bbl } = runBibtex(bib);
    expect(log).not.toMatch(/Warning--|error message/);
    expect(status, log).toBe(0);
    expect(bbl.match(/\\bibitem\{/g)).toHaveLength(published.entries.length);
  });

  it.skipIf(!haveBibtex)(`accepts every entry type and escape without errors or warnings${skipNote}`, () => {
    const { status, log, bbl } = runBibtex(toBibtex(tricky, { version: '0.0.0' }));
    expect(log).not.toMatch(/Warning--|error message/);
    expect(status, log).toBe(0);
    expect(bbl.match(/\\bibitem\{/g)).toHaveLength(tricky.length);
    expect(bbl).toContain('Master\'s thesis, ETH Z{\\"u}rich');
  });

  it.skipIf(!haveBibtex)(`fails on a broken file, so the checks above can fail${skipNote}`, () => {
    const { log } = runBibtex('@article{x, title = {unbalanced}\n');
    expect(log).toMatch(/error message|Warning--/);
  });
});

describe('bibliography.bib', () => {
  it('is pure ASCII and has one entry per published entry, keyed by its ID', () => {
    expect(bib).toMatch(/^[\x20-\x7E\n]*$/);
    const keys = [...bib.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1]);
    expect(keys).toEqual(published.entries.map((e) => e.id));
  });

  it('has no at-sign outside entries', () => {
    expect(bib.split('\n').filter((line) => line.includes('@') && !/^@\w+\{/.test(line))).toEqual(
      bib.split('\n').filter((line) => /^\s+\w+ = .*@/.test(line)),
    );
  });
});

describe('latex', () => {
  it.each([
    ['&', '\\&'],
    ['%', '\\%'],
    ['$', '\\$'],
    ['#', '\\#'],
    ['_', '\\_'],
    ['{', '\\textbraceleft{}'],
    ['}', '\\textbraceright{}'],
    ['~', '\\textasciitilde{}'],
    ['^', '\\textasciicircum{}'],
    ['\\', '\\textbackslash{}'],
    ['é', "{\\'e}"],
    ['É', "{\\'E}"],
    ['ü', '{\\"u}'],
    ['ç', '{\\c{c}}'],
    ['ř', '{\\v{r}}'],
    ['ő', '{\\H{o}}'],
    ['í', "{\\'i}"],
    ['ß', '{\\ss}'],
    ['ø', '{\\o}'],
    ['Ł', '{\\L}'],
    ['–', '--'],
    ['—', '---'],
    ['“x”', "``x''"],
    ['e\u0301', "{\\'e}"],
  ])('writes %s as %s', (input, output) => {
    expect(latex(input)).toBe(output);
  });

  it('keeps braces balanced, which BibTeX requires', () => {
    const out = latex('{{}} } {');
    expect(out.split('{').length).toBe(out.split('}').length);
  });

  it('refuses a character it cannot spell, naming it', () => {
    expect(() => latex('x → y')).toThrow(LatexEncodingError);
    expect(() => latex('x → y')).toThrow(/U\+2192/);
  });
});

describe('latexTitle', () => {
  it('braces each word with a capital letter, punctuation outside', () => {
    expect(latexTitle('Xen and the Art of Virtualization')).toBe('{Xen} and the {Art} of {Virtualization}');
    expect(latexTitle('Disco: running VMware on SOSP hardware')).toBe(
      '{Disco}: running {VMware} on {SOSP} hardware',
    );
    expect(latexTitle('"VMM-Independent" I/O (IA32)')).toBe('"{VMM-Independent}" {I/O} ({IA32})');
    expect(latexTitle('all lowercase words')).toBe('all lowercase words');
    expect(latexTitle('Andrés & C_x')).toBe("{Andr{\\'e}s} \\& {C\\_x}");
  });
});

describe('bibtexEntry', () => {
  const typeOf = (entry: PublishedEntry) => /^@(\w+)\{/.exec(bibtexEntry(entry))?.[1];
  const fieldsOf = (entry: PublishedEntry) =>
    Object.fromEntries([...bibtexEntry(entry).matchAll(/^ {2}(\w+) = (.*),$/gm)].map((m) => [m[1], m[2]]));

  it('chooses the entry type plain.bst knows, falling back to @misc when a required field is missing', () => {
    const types = Object.fromEntries(tricky.map((e) => [e.id, typeOf(e)]));
    expect(types).toEqual({
      'tricky-specials': 'article',
      'tricky-conference': 'inproceedings',
      'tricky-conference-number': 'inproceedings',
      'tricky-no-journal': 'misc',
      'tricky-book': 'book',
      'tricky-book-no-publisher': 'misc',
      'tricky-phd': 'phdthesis',
      'tricky-masters': 'mastersthesis',
      'tricky-diploma': 'phdthesis',
      'tricky-report': 'techreport',
      'tricky-chapter': 'incollection',
      'tricky-webpage': 'misc',
      'tricky-software': 'misc',
    });
  });

  it('writes an article with journal, volume, number, pages, month macro, doi and url', () => {
    expect(fieldsOf(tricky[0]!)).toMatchObject({
      journal: '{{Journal} of {{\\"U}n{\\"i}c{\\"o}d{\\\'e}} --- and ``{Quotes}\'\'}',
      volume: '{3}',
      number: '{4}',
      pages: '{e12--e20}',
      month: 'feb',
      doi: '{10.1000/a_b}',
      url: '{https://example.org/a_b\\%20c\\#frag}',
    });
  });

  it('writes proceedings with booktitle, series and volume but no number, and the event place as venue', () => {
    expect(fieldsOf(tricky[1]!)).toMatchObject({
      booktitle: "{{Proceedings} of the 1st {Workshop} on {Things} ({THINGS} '20)}",
      series: '{{Lecture} {Notes} in {Things}}',
      volume: '{12}',
      editor: '{Roe, Richard}',
      publisher: '{Springer}',
      address: '{Berlin}',
      venue: '{Lisbon, Portugal}',
    });
    expect(fieldsOf(tricky[1]!)).not.toHaveProperty('number');
  });

  it('writes theses with school and type, reports with institution, type and number', () => {
    expect(fieldsOf(tricky[6]!)).toMatchObject({ school: '{MIT}' });
    expect(fieldsOf(tricky[6]!)).not.toHaveProperty('type');
    expect(fieldsOf(tricky[8]!)).toMatchObject({ school: '{TU Wien}', type: '{Diploma thesis}' });
    expect(fieldsOf(tricky[9]!)).toMatchObject({ institution: '{SUNY}', number: '{TR-7}' });
  });

  it('writes a web page as @misc with the URL in howpublished', () => {
    expect(fieldsOf(tricky[11]!)).toMatchObject({
      howpublished: '{\\url{https://x.org/a_b}}',
      url: '{https://x.org/a_b}',
    });
    expect(fieldsOf(tricky[11]!)).not.toHaveProperty('year');
  });
});

describe('bibtexName', () => {
  it('writes "Family, Given", braces organizations whole and protects commas in family names', () => {
    expect(bibtexName({ family: 'de Lara', given: 'Eyal' })).toBe('de Lara, Eyal');
    expect(bibtexName({ family: 'Lagar-Cavilla', given: 'H. Andrés' })).toBe("Lagar-Cavilla, H. Andr{\\'e}s");
    expect(bibtexName({ literal: 'Xen Project' })).toBe('{Xen Project}');
    expect(bibtexName({ family: 'Plato' })).toBe('Plato');
    expect(bibtexName({ family: 'Sons, and Co', given: 'A' })).toBe('{Sons, and Co}, A');
  });
});
