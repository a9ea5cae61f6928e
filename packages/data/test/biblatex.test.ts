// dist/bibliography.biblatex.bib: biblatex's data model, and the judge of it, biber --validate-datamodel.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from '@virtbib/schema';
import { describe, expect, it } from 'vitest';
import { biblatexEntry } from '../scripts/lib/formats/biblatex.mjs';
import { biblatexText } from '../scripts/lib/formats/index.mjs';
import { readDist, readDistJson, tempDir, tool } from './helpers.js';
import { base, hostile, tricky } from './sample-entries.js';

const biber = tool('biber', 'apt-get install biber; .ci/run does');
const file = readDist('bibliography.biblatex.bib');
const published = readDistJson<{ entries: Entry[] }>('bibliography.json');

/** biber --tool --validate-datamodel over a .bib text: its warnings and errors, and what it wrote back. */
function validate(text: string) {
  const temp = tempDir('biber');
  try {
    writeFileSync(join(temp.dir, 'in.bib'), text);
    const run = spawnSync('biber', ['--tool', '--validate-datamodel', '--nolog', 'in.bib'], {
      cwd: temp.dir,
      encoding: 'utf8',
    });
    expect(run.error, 'biber could not run: is it installed?').toBeUndefined();
    const log = `${run.stdout}${run.stderr}`;
    const out = join(temp.dir, 'in_bibertool.bib');
    return {
      status: run.status,
      warnings: log.split('\n').filter((line) => /^(WARN|ERROR) /.test(line)),
      roundTrip: existsSync(out) ? readFileSync(out, 'utf8') : '',
    };
  } finally {
    temp.cleanup();
  }
}

/**
 * The one warning the README explains: biblatex requires a date of every entry type we write, and an undated
 * web page has none. Every other warning fails.
 */
function unexplained(warnings: string[], entries: Entry[]) {
  const undated = new Set(entries.filter((entry) => entry.year === undefined).map((entry) => entry.id));
  return warnings.filter((line) => {
    const match =
      /^WARN - Datamodel: Entry '([^']+)' \([^)]*\): Missing mandatory field - one of 'date, year' must be defined$/.exec(
        line,
      );
    return !(match && undated.has(match[1]!));
  });
}

describe('biber --tool --validate-datamodel', () => {
  it.runIf(biber.run)(
    `finds nothing in dist/bibliography.biblatex.bib but undated web pages${biber.note}`,
    () => {
      const { status, warnings } = validate(file);
      expect(status).toBe(0);
      expect(unexplained(warnings, published.entries)).toEqual([]);
    },
  );

  it.runIf(biber.run)(`finds nothing in every entry type, escape and script${biber.note}`, () => {
    const entries = [...tricky, hostile];
    const { status, warnings, roundTrip } = validate(biblatexText(entries));
    expect(status).toBe(0);
    expect(unexplained(warnings, entries)).toEqual([]);
    // biber read the UTF-8 as text: the names come back as written.
    expect(roundTrip).toContain('李, 小龙');
    expect(roundTrip).toContain('Ἀριστοτέλης');
    expect(roundTrip.match(/^@/gm)).toHaveLength(entries.length);
  });

  it.runIf(biber.run)(
    `reports an entry that breaks the data model, so the checks above can fail${biber.note}`,
    () => {
      const { warnings } = validate('@article{x,\n  title = {T},\n  publisher = {P},\n  date = {2020},\n}\n');
      expect(warnings.join('\n')).toMatch(/Invalid field 'publisher' for entrytype 'article'/);
      expect(warnings.join('\n')).toMatch(/Missing mandatory field 'journaltitle'/);
    },
  );
});

describe('bibliography.biblatex.bib', () => {
  it('has one entry per published entry, keyed by its ID, in ID order', () => {
    const keys = [...file.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1]);
    expect(keys).toEqual(published.entries.map((e) => e.id));
  });

  it("is UTF-8 text: no accent commands, none of the classic file's {\\relax} groups", () => {
    expect(file).not.toMatch(/\{\\['"`^~=.uvHckr]\{?[A-Za-z]\}?\}|\\relax/);
  });
});

describe('biblatexEntry', () => {
  const fieldsOf = (entry: Entry) =>
    Object.fromEntries([...biblatexEntry(entry).matchAll(/^ {2}(\w+) = (.*),$/gm)].map((m) => [m[1], m[2]]));
  const typeOf = (entry: Entry) => /^@(\w+)\{/.exec(biblatexEntry(entry))?.[1];

  it('writes a conference paper with booktitle, eventtitle, venue, location and an ISO date', () => {
    const entry: Entry = {
      ...base,
      type: 'paper-conference',
      month: 10,
      day: 19,
      containerTitle: 'Proceedings of the Nineteenth ACM Symposium on Operating Systems Principles',
      containerTitleShort: "SOSP '03",
      pages: '164-177',
      publisher: 'ACM',
      publisherPlace: 'New York, NY, USA',
      eventPlace: 'Bolton Landing, NY, USA',
      isbn: '1-58113-757-5',
      doi: '10.1145/945445.945462',
      topics: ['overview', 'cpu'],
    };
    expect(typeOf(entry)).toBe('inproceedings');
    expect(fieldsOf(entry)).toEqual({
      author: '{Doe, Jane}',
      title: '{{A} {Thing}}',
      booktitle:
        '{{Proceedings} of the {Nineteenth} {ACM} {Symposium} on {Operating} {Systems} {Principles}}',
      eventtitle: "{SOSP '03}",
      venue: '{Bolton Landing, NY, USA}',
      pages: '{164--177}',
      publisher: '{ACM}',
      location: '{New York, NY, USA}',
      date: '{2020-10-19}',
      isbn: '{1-58113-757-5}',
      doi: '{10.1145/945445.945462}',
      keywords: '{overview, cpu}',
      annotation: '{An annotation long enough for the schema.}',
    });
  });

  it('writes a journal article with journaltitle, shortjournal and the issue as number, no publisher', () => {
    const fields = fieldsOf({
      ...base,
      month: 7,
      containerTitle: 'Communications of the ACM',
      containerTitleShort: 'CACM',
      volume: '17',
      issue: '7',
      publisher: 'ACM',
    });
    expect(fields).toMatchObject({
      journaltitle: '{{Communications} of the {ACM}}',
      shortjournal: '{CACM}',
      volume: '{17}',
      number: '{7}',
      date: '{2020-07}',
    });
    expect(fields).not.toHaveProperty('publisher');
    expect(typeOf({ ...base, type: 'article-magazine', containerTitle: 'IEEE Computer' })).toBe('article');
    expect(
      fieldsOf({ ...base, type: 'article-magazine', containerTitle: 'IEEE Computer' }).entrysubtype,
    ).toBe('{magazine}');
  });

  it('writes theses and reports with institution and a localizable type, a thesis number as a note', () => {
    const phd = { ...base, type: 'thesis' as const, genre: 'PhD thesis', publisher: 'MIT', number: 'TR-667' };
    expect([typeOf(phd), fieldsOf(phd)]).toEqual([
      'thesis',
      expect.objectContaining({ type: '{phdthesis}', institution: '{MIT}', note: '{TR-667}' }),
    ]);
    expect(fieldsOf({ ...phd, genre: "Master's thesis" }).type).toBe('{mathesis}');
    expect(fieldsOf({ ...phd, genre: 'Diploma thesis' }).type).toBe('{Diploma thesis}');
    const report = { ...base, type: 'report' as const, publisher: 'SUNY', number: 'TR-7' };
    expect([typeOf(report), fieldsOf(report)]).toEqual([
      'report',
      expect.objectContaining({ type: '{techreport}', institution: '{SUNY}', number: '{TR-7}' }),
    ]);
  });

  it('writes a web page as @online with its URL and site, and an undated one without a date', () => {
    const page: Entry = {
      ...base,
      type: 'webpage',
      year: undefined,
      containerTitle: 'Xen Project Wiki',
      urls: { landing: 'https://wiki.xen.org/wiki/Credit_Scheduler' },
    };
    expect(typeOf(page)).toBe('online');
    expect(fieldsOf(page)).toMatchObject({
      organization: '{Xen Project Wiki}',
      url: '{https://wiki.xen.org/wiki/Credit_Scheduler}',
    });
    expect(fieldsOf(page)).not.toHaveProperty('date');
  });

  it('takes eprint from an arXiv URL or DOI', () => {
    expect(fieldsOf({ ...base, urls: { open: 'https://arxiv.org/pdf/2101.00001v2.pdf' } })).toMatchObject({
      eprint: '{2101.00001}',
      eprinttype: '{arxiv}',
    });
    expect(fieldsOf({ ...base, doi: '10.48550/arXiv.cs/0112017' }).eprint).toBe('{cs/0112017}');
    expect(fieldsOf(base)).not.toHaveProperty('eprint');
  });

  it('writes a chapter as @incollection when its editors are known, else as @inbook', () => {
    const chapter: Entry = {
      ...base,
      type: 'chapter',
      containerTitle: 'A Book',
      publisher: 'Johnson and Sons',
    };
    expect(typeOf(chapter)).toBe('inbook');
    expect(typeOf({ ...chapter, editors: [{ family: 'Roe' }] })).toBe('incollection');
    expect(fieldsOf(chapter).publisher).toBe('{{Johnson and Sons}}');
  });

  it('falls back to @misc when a required field is missing, with the venue in howpublished', () => {
    expect(typeOf({ ...base, containerTitle: undefined })).toBe('misc');
    expect(typeOf({ ...base, type: 'report' })).toBe('misc');
    expect(typeOf({ ...base, type: 'standard', containerTitle: 'ISO' })).toBe('misc');
    expect(fieldsOf({ ...base, type: 'standard', containerTitle: 'ISO' }).howpublished).toBe('{{ISO}}');
  });

  it('keeps doi and url verbatim, percent-encoding only what would end the field or the line', () => {
    const fields = fieldsOf({
      ...base,
      doi: '10.1000/a_b%c#d{e}',
      urls: { landing: 'https://example.org/a_b%20c#frag x' },
    });
    expect(fields.doi).toBe('{10.1000/a_b%c#d%7Be%7D}');
    expect(fields.url).toBe('{https://example.org/a_b%20c#frag%20x}');
    const text = biblatexEntry(hostile);
    expect(
      text.split('\n').every((line) => /^(@\w+\{[^,]+,| {2}\w+ = \{.*\},|\})$/.test(line) || line === ''),
    ).toBe(true);
  });
});
