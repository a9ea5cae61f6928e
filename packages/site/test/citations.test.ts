import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData, packageDataDir } from '../src/data/load.js';
import { fixtureData } from './helpers.js';

// The site's citation functions (a shim until @virtbib/data exports its own, issue 11) must give exactly
// the records of the published files: checked on the real package and on the fixtures.
describe.each([
  ['the published package', packageDataDir()],
  ['the fixtures', fixtureData],
])('citations from %s', (_, dir) => {
  const { dataset, citations } = loadData(dir);
  const ids = dataset.entries.map((e) => e.id);
  const bib = readFileSync(join(dir, 'bibliography.bib'), 'utf8');
  const ris = readFileSync(join(dir, 'bibliography.ris'), 'utf8');
  const csl = JSON.parse(readFileSync(join(dir, 'csl.json'), 'utf8')) as { id: string }[];

  it('toBibTeX: one record per entry, keyed by its ID; all of them together are the file after its header', () => {
    for (const id of ids)
      expect(citations.toBibTeX(id)).toMatch(new RegExp(`^@[a-z]+\\{${id},\\n[\\s\\S]*\\n\\}\\n$`));
    expect(bib.endsWith(citations.toBibTeX(ids))).toBe(true);
    expect(bib.slice(0, bib.length - citations.toBibTeX(ids).length)).toMatch(/^(%[^\n]*\n)*\n$/);
  });

  it('toRIS: one record per entry with its ID, each ending with a blank line; all of them are the file', () => {
    for (const id of ids) {
      const record = citations.toRIS(id);
      expect(record).toMatch(/^TY {2}- [A-Z]+\r\n/);
      expect(record).toContain(`\r\nID  - ${id}\r\n`);
      expect(record.endsWith('ER  - \r\n\r\n')).toBe(true);
    }
    expect(citations.toRIS(ids)).toBe(ris);
  });

  it('toCSL: the items of csl.json, in the order asked', () => {
    const reversed = [...ids].reverse();
    expect(JSON.parse(citations.toCSL(reversed))).toEqual(reversed.map((id) => csl.find((i) => i.id === id)));
    expect(citations.toCSL(ids)).toBe(readFileSync(join(dir, 'csl.json'), 'utf8'));
  });

  it('cite: the APA citation of bibliography.json', () => {
    for (const entry of dataset.entries) expect(citations.cite(entry.id)).toEqual(entry.citations!.apa);
  });

  it('an unknown ID is a RangeError naming it', () => {
    expect(() => citations.toBibTeX([ids[0]!, 'no-such-entry'])).toThrow(RangeError);
    expect(() => citations.toRIS('no-such-entry')).toThrow(/"no-such-entry"/);
    expect(() => citations.toCSL('no-such-entry')).toThrow(/"no-such-entry"/);
    expect(() => citations.cite('no-such-entry')).toThrow(/"no-such-entry"/);
  });
});
