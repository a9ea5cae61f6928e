import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/lint/index.js';
import { validateDataset } from '../src/validate.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function copyFixture(dir: string): string {
  const temp = mkdtempSync(join(tmpdir(), 'virtbib-fixture-'));
  temps.push(temp);
  cpSync(dir, temp, { recursive: true });
  return temp;
}

/** Where each finding of an error fixture must be, and whether --fix must repair it. */
function readExpected(dir: string): { file: string; line: number; fixable: boolean }[] {
  return JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
}

describe.each(rules.map(({ rule, severity }) => [rule.code, rule, severity] as const))(
  'rule %s',
  (code, rule, severity) => {
    const dir = join(fixtures, code);
    const cases = existsSync(dir) ? readdirSync(dir).sort() : [];

    it('has at least one error and one success fixture', () => {
      expect(cases.filter((c) => c.startsWith('error')).length).toBeGreaterThan(0);
      expect(cases.filter((c) => c.startsWith('success')).length).toBeGreaterThan(0);
    });

    for (const name of cases.filter((c) => c.startsWith('error'))) {
      it(`${name} is reported where it is`, async () => {
        const expected = readExpected(join(dir, name)).map(({ file, line }) => ({ file, line }));
        const { diagnostics } = await validateDataset(join(dir, name), { threads: 1 });
        const found = diagnostics.filter((d) => d.code === code);
        expect(found.map(({ file, line }) => ({ file, line }))).toEqual(expected);
        for (const d of found) {
          expect(d.severity).toBe(severity);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.hint.length).toBeGreaterThan(0);
          expect(d.column).toBeGreaterThan(0);
        }
      });

      if (rule.fixable && readExpected(join(dir, name)).some((e) => e.fixable)) {
        it(`${name} is repaired by --fix, keeping comments`, async () => {
          const temp = copyFixture(join(dir, name));
          const before = readdirSync(join(temp, 'entries')).map((f) =>
            readFileSync(join(temp, 'entries', f), 'utf8'),
          );
          const fixed = await validateDataset(temp, { fix: true, threads: 1 });
          expect(fixed.fixed.length).toBeGreaterThan(0);
          const again = await validateDataset(temp, { threads: 1 });
          expect(again.diagnostics.filter((d) => d.code === code)).toEqual([]);
          const after = readdirSync(join(temp, 'entries')).map((f) =>
            readFileSync(join(temp, 'entries', f), 'utf8'),
          );
          for (const [i, text] of before.entries()) {
            for (const comment of text.split('\n').filter((l) => l.trimStart().startsWith('#'))) {
              expect(after[i]).toContain(comment);
            }
          }
        });
      }
    }

    for (const name of cases.filter((c) => c.startsWith('success'))) {
      it(`${name} is clean`, async () => {
        const { diagnostics } = await validateDataset(join(dir, name), { threads: 1 });
        expect(diagnostics).toEqual([]);
      });
    }
  },
);

describe('rule table', () => {
  it('gives every rule a unique code, a description and a fixture folder', () => {
    const codes = rules.map((r) => r.rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { rule } of rules) expect(rule.description).toMatch(/\.$/);
    expect(readdirSync(fixtures).sort()).toEqual([...codes].sort());
  });
});
