// dist/bibliography.bib: the escaping, the entry types, and the real judge: bibtex with the plain style.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from '@virtbib/schema';
import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexName } from '../scripts/lib/formats/bibtex.mjs';
import { bibtexText } from '../scripts/lib/formats/index.mjs';
import { latex, latexTitle, latexUtf8 } from '../scripts/lib/formats/latex.mjs';
import { readDist, readDistJson, tempDir, tool } from './helpers.js';
import { tricky } from './sample-entries.js';

const bibtex = tool('bibtex', 'apt-get install texlive-binaries texlive-base; .ci/run does');
const bib = readDist('bibliography.bib');
const published = readDistJson<{ entries: Entry[] }>('bibliography.json');
const toBibtex = (entries: Entry[]) => `% test\n\n${bibtexText(entries)}`;

/** Runs bibtex with a style over a .bib text and returns its log and the .bbl (raw bytes). */
function runBibtex(text: string, style = 'plain') {
  const temp = tempDir('bibtex');
  try {
    writeFileSync(join(temp.dir, 'bibliography.bib'), text);
    writeFileSync(
      join(temp.dir, 'test.aux'),
      `\\citation{*}\n\\bibstyle{${style}}\n\\bibdata{bibliography}\n`,
    );
    const run = spawnSync('bibtex', ['test'], { cwd: temp.dir, encoding: 'utf8' });
    expect(run.error, 'bibtex could not run: is it installed?').toBeUndefined();
    const bblBytes = run.status === 0 ? readFileSync(join(temp.dir, 'test.bbl')) : Buffer.alloc(0);
    return {
      status: run.status,
      log: `${run.stdout}${run.stderr}`,
      bbl: bblBytes.toString('utf8'),
      bblBytes,
    };
  } finally {
    temp.cleanup();
  }
}

describe('bibtex plain', () => {
  it.runIf(bibtex.run)(`accepts dist/bibliography.bib without errors or warnings${bibtex.note}`, () => {
    const { status, log, bbl } = runBibtex(bib);
    expect(log).not.toMatch(/Warning--|error message/);
    expect(status, log).toBe(0);
    expect(bbl.match(/\\bibitem\{/g)).toHaveLength(published.entries.length);
  });

  it.runIf(bibtex.run)(`accepts every entry type and escape without errors or warnings${bibtex.note}`, () => {
    const { status, log, bbl } = runBibtex(toBibtex(tricky));
    expect(log).not.toMatch(/Warning--|error message/);
    expect(status, log).toBe(0);
    expect(bbl.match(/\\bibitem\{/g)).toHaveLength(tricky.length);
    expect(bbl).toContain('Master\'s thesis, ETH Z{\\"u}rich');
  });

  it.runIf(bibtex.run)(
    `writes CJK, Cyrillic and Greek so that abbrv initials and alpha labels stay whole characters${bibtex.note}`,
    () => {
      const scripts = tricky.filter((entry) => entry.id === 'tricky-scripts');
      for (const style of ['plain', 'abbrv', 'alpha']) {
        const { status, log, bbl, bblBytes } = runBibtex(toBibtex(scripts), style);
        expect(log, style).not.toMatch(/Warning--|error message/);
        expect(status, log).toBe(0);
        // Valid UTF-8: an initial or a label cut through a multi-byte character would not decode.
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bblBytes), style).not.toThrow();
        expect(bbl, style).toContain('{\\relax 李}');
      }
      expect(runBibtex(toBibtex(scripts), 'abbrv').bbl).toContain('{\\relax 小}.~{\\relax 李}');
      expect(runBibtex(toBibtex(scripts), 'alpha').bbl).toMatch(/\\bibitem\[\{\\relax 李\}/);
    },
  );

  it.runIf(bibtex.run)(`fails on a broken file, so the checks above can fail${bibtex.note}`, () => {
    const { log } = runBibtex('@article{x, title = {unbalanced}\n');
    expect(log).toMatch(/error message|Warning--/);
  });
});

describe('bibliography.bib', () => {
  it('is ASCII but for characters without a LaTeX spelling, each kept in a {\\relax ...} group', () => {
    expect(bib.replace(/\{\\relax [^\p{ASCII}]\}/gu, '')).toMatch(/^[ -~\n]*$/);
  });

  it('has one entry per published entry, keyed by its ID', () => {
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

  it.each([
    ['λ', '{\\ensuremath{\\lambda}}'],
    ['Ω', '{\\ensuremath{\\Omega}}'],
    ['李', '{\\relax 李}'],
    ['Я', '{\\relax Я}'],
    ['🚀', '{\\relax 🚀}'],
    ['→', '\\textrightarrow{}'],
    ['a\u2028b\u0085c\u001Ed\u0000e', 'a b c d e'],
  ])('writes %s, which has no accent command, as %s', (input, output) => {
    expect(latex(input)).toBe(output);
  });

  it('writes any string: every code point of the BMP and some beyond, without throwing', () => {
    let all = '';
    for (let code = 0; code < 0x10000; code++)
      if (code < 0xd800 || code > 0xdfff) all += String.fromCharCode(code);
    all += '\u{1F680}\u{20000}\u{E0001}';
    const out = latex(all);
    expect(out.split('{').length).toBe(out.split('}').length);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(out).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/);
  });
});

describe('latexUtf8', () => {
  it('escapes LaTeX specials, turns line breaks into spaces and keeps every other character', () => {
    expect(latexUtf8('Müller & 李 {x}\u2028λ_1 100%')).toBe(
      'Müller \\& 李 \\textbraceleft{}x\\textbraceright{} λ\\_1 100\\%',
    );
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
  const typeOf = (entry: Entry) => /^@(\w+)\{/.exec(bibtexEntry(entry))?.[1];
  const fieldsOf = (entry: Entry) =>
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
      'tricky-scripts': 'article',
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
