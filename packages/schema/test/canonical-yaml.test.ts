import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is a plain ESM script without type declarations
import { syntheticEntry } from '../../../bench/generate.mjs';
import { isPrintableAscii } from '../src/files/read-file.js';
import { parseCanonicalYaml } from '../src/yaml/canonical-yaml.js';
import { findLayoutProblem } from '../src/yaml/format.js';
import { seededRandom } from './helpers.js';

const data = join(import.meta.dirname, '../../data');
const realFiles = [
  ...readdirSync(join(data, 'entries')).map((f) => join(data, 'entries', f)),
  ...readdirSync(join(data, 'notes')).map((f) => join(data, 'notes', f)),
  join(data, 'topics.yaml'),
].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

const full = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });

/**
 * The property: whatever the fast parser accepts, js-yaml parses to the same data, and the text has no
 * layout problem (so the loader may skip that check). What it refuses, js-yaml handles.
 */
function agrees(text: string): 'accepted' | 'refused' {
  const fast = parseCanonicalYaml(text);
  // A reader that looked at the bytes may say the text is printable ASCII; the answer must not change.
  if (isPrintableAscii(Buffer.from(text)))
    expect(parseCanonicalYaml(text, { printableAscii: true })).toStrictEqual(fast);
  if (fast === undefined) return 'refused';
  expect(fast, text).toStrictEqual(full(text));
  expect(findLayoutProblem(text), text).toBeUndefined();
  return 'accepted';
}

/** A mapping of `count` keys k0, k1...; the key at the second position of `twice` repeats the first's. */
function keys(count: number, { twice }: { twice?: [number, number] } = {}): string {
  const names = Array.from({ length: count }, (_, i) => `k${i}`);
  if (twice) names[twice[1]] = names[twice[0]]!;
  return names.map((name, i) => `${name}: ${i}\n`).join('');
}

describe('the canonical-layout parser agrees with js-yaml', () => {
  it('on every file of the real dataset, and accepts them all', () => {
    expect(realFiles.length).toBeGreaterThan(30);
    for (const { path, text } of realFiles) expect(agrees(text), path).toBe('accepted');
  });

  it('on 3,000 synthetic entries of the benchmark, and accepts them all', () => {
    for (let i = 0; i < 3000; i++) expect(agrees(syntheticEntry(i, 3000).text), String(i)).toBe('accepted');
  });

  it('on a corpus of edge cases', () => {
    const accepted = [
      'a: 1\n',
      "a: \"x: y\"\nb: 'it''s'\n",
      'a: [x, y z, 3, true, ~, null, .5, 0x1F, 1_000, +7, -7, -x]\n',
      'a: []\n',
      'n: null\nt: True\nf: FALSE\ni: 012\nh: 0o17\nx: 1e3\ny: .inf\nz: -.Inf\nw: .NaN\nd: 2026-01-02\np: 164-177\n',
      'a: >-\n  one\n  two\n\n  three\nb: 1\n',
      'a: >\n  folded\n  text\n',
      'a: |\n  lit\n  eral\n\n  x\n',
      'a: |-\n  one\n  # not a comment\n',
      'title: A long plain title that goes on\n  and on across lines\nnext: x\n',
      'list:\n  - a\n  - b: 1\n    c: [x]\n  - d:\n      - e\n',
      'a:\n  b:\n    c: 1\n  d: 2\n',
      "containerTitleShort: SOSP '03\nplace: Bolton Landing, NY, USA\n",
      'a: x [y] {z}\n',
      'a: x#y\n',
      'a: é ü 漢字 🙂\n',
      'a: >-\n  x\n\nb: 1\n',
      'a:\n\n  b: 1\n',
    ];
    const refused = [
      'a: 1', // no final newline
      'a: 1\n\n', // two
      'a: 1\r\n',
      'a:\t1\n',
      'a: 1 \n',
      '# comment\na: 1\n',
      'a: 1 # comment\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '---\na: 1\n',
      'a: 1\na: 2\n',
      'a: "x\\ny"\n',
      'a: "unclosed\n  line"\n',
      "a: 'x' y\n",
      "a: '\n",
      'a: {b: 1}\n',
      'a: [b, [c]]\n',
      'a: [b,c]\n',
      'a:\n - x\n',
      'a:\n- x\n',
      '- a\n- b\n',
      'just a scalar\n',
      'a: x: y\n',
      'a: - x\n',
      'a:\n',
      'a:\nb: 1\n',
      'a: >+\n  x\n',
      'a: >2\n  x\n',
      'a: >-\n    deeper\n',
      'a: >-\n  x\n    more indented\n',
      'a: @x\n',
      'a: `x`\n',
      'true: 1\n',
      'Null: 1\n',
      '__proto__: 1\n',
      'a b: 1\n',
      'a:b\n',
      'a:  two spaces\n',
      'a: x\n   b: odd\n',
      `${'  '.repeat(40)}a: 1\n`,
      'a: \u0085x\n',
      'a: x\u2028y\n',
      'a: \u0007\n',
      'é: 1\n',
      'a: [- x]\n',
      'a: x\n\n  y\n',
      // A key twice, after a nested mapping or inside one, in a small mapping and in a large one.
      'a:\n  b: 1\nc: 2\na: 3\n',
      'a:\n  b: 1\n  c: 2\n  b: 3\n',
      'x:\n  - k: 1\n    k: 2\n',
      'x:\n  - k: 1\n    j: 2\ny: 1\nx: 2\n',
      keys(30, { twice: [1, 28] }),
      keys(30, { twice: [27, 29] }),
      `top:\n${keys(30, { twice: [0, 25] }).replace(/^(?=.)/gm, '  ')}`,
    ];
    // The same key names at different depths, and large mappings, are fine.
    accepted.push(
      'a:\n  a: 1\nb: 2\n',
      'x:\n  - x: 1\n    y: 2\n  - x: 3\ny: 1\n',
      keys(24),
      keys(25),
      keys(60),
      `top:\n${keys(30).replace(/^(?=.)/gm, '  ')}`,
    );
    // Scalars that may resolve to numbers, and colons and hashes inside plain scalars: whichever the
    // parser takes, it must give what js-yaml gives.
    const scalars = [
      '0',
      '7',
      '007',
      '10',
      '2026',
      '123456789012345',
      '1234567890123456',
      '9007199254740993',
    ];
    scalars.push('12_3', '1e3', '1.5', '-1', '+1', '0x1F', '0o17', '1-10', 'e1', '1 2', '1:2', '1.', '.5');
    scalars.push('b:c', 'b: c', 'b #c', 'b#c', 'http://x:80/', 'x:', ':x', 'a::b', 'a :b', '#x');
    for (const v of scalars) {
      agrees(`a: ${v}\n`);
      agrees(`a:\n  - ${v}\n`);
      agrees(`a: [${v}, x]\n`);
      agrees(`a: x\n  ${v}\n`);
    }
    expect(accepted.filter((text) => agrees(text) !== 'accepted')).toEqual([]);
    expect(refused.filter((text) => agrees(text) !== 'refused')).toEqual([]);
  });

  it('on 20,000 random mutations of real and synthetic files (a seeded differential fuzz)', () => {
    const seeds = [
      ...realFiles.map((f) => f.text),
      ...[0, 1, 2, 3, 4, 5, 6].map((i) => syntheticEntry(i).text),
    ];
    const alphabet = [
      ' ',
      '  ',
      ':',
      ': ',
      '#',
      ' #',
      '-',
      '- ',
      '"',
      "'",
      '\n',
      '\n\n',
      '[',
      ']',
      ', ',
      '&a ',
      '*a',
    ];
    alphabet.push(
      '>-',
      '|',
      '\t',
      '\r',
      '0',
      '1.5',
      'true',
      'null',
      '~',
      'é',
      '{',
      '}',
      '\\',
      '!',
      '%',
      '@',
      'x',
    );
    const next = seededRandom(0x2545f491);
    let accepted = 0;
    for (let round = 0; round < 20_000; round++) {
      let text = seeds[next(seeds.length)]!;
      for (let edits = 1 + next(3); edits > 0; edits--) {
        if (next(3) === 0) {
          // A line removed, repeated or moved by one or two spaces.
          const lines = text.split('\n');
          const i = next(lines.length);
          const op = next(4);
          if (op === 0) lines.splice(i, 1);
          else if (op === 1) lines.splice(i, 0, lines[i]!);
          else if (op === 2) lines[i] = `${' '.repeat(1 + next(2))}${lines[i]}`;
          else lines[i] = lines[i]!.replace(/^ {1,2}/, '');
          text = lines.join('\n');
        } else {
          const at = next(text.length + 1);
          const cut = next(4) === 0 ? next(6) : 0;
          text = text.slice(0, at) + alphabet[next(alphabet.length)] + text.slice(at + cut);
        }
      }
      let fullOk = true;
      try {
        full(text);
      } catch {
        fullOk = false;
      }
      const fast = parseCanonicalYaml(text);
      if (isPrintableAscii(Buffer.from(text)))
        expect(parseCanonicalYaml(text, { printableAscii: true }), JSON.stringify(text)).toStrictEqual(fast);
      if (fast === undefined) continue;
      accepted++;
      // Accepting a text js-yaml rejects would hide a syntax error.
      expect(fullOk, JSON.stringify(text)).toBe(true);
      expect(fast, JSON.stringify(text)).toStrictEqual(full(text));
      expect(findLayoutProblem(text), JSON.stringify(text)).toBeUndefined();
    }
    // The mutations must also exercise acceptance, not only refusal.
    expect(accepted).toBeGreaterThan(2000);
  });
});
