import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as firstError from '../generated/first-error.js';
import * as collecting from '../generated/validators.js';
import { seededRandom } from './helpers.js';

// The generated validators check uniqueItems with a Map where ajv uses a plain object
// (scripts/compile-validators.mjs, uniqueItemsWithMap). Here both are asked about reading orders and entry
// topics full of repeats, including the names a plain object treats specially.
const schemas = join(import.meta.dirname, '../schemas');
function ajvValidators(allErrors: boolean) {
  const ajv = new Ajv2020({ strict: true, allErrors, verbose: false });
  // ajv-formats is CommonJS: its plugin is the module itself, typed as the default export.
  (formats as unknown as typeof formats.default)(ajv, ['uri', 'date']);
  for (const name of ['entry', 'topics', 'notes', 'dataset'])
    ajv.addSchema(JSON.parse(readFileSync(join(schemas, `${name}.schema.json`), 'utf8')));
  const get = (name: string) => ajv.getSchema(`https://virtbib.dev/schemas/${name}.schema.json`)!;
  return { topics: get('topics'), entry: get('entry') };
}

const special = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '0', '00', 'length'];

function randomIds(next: (n: number) => number, length: number): string[] {
  const pool = [...special, ...Array.from({ length: 6 + next(length + 1) }, (_, i) => `e${i}`)];
  return Array.from({ length }, () => pool[next(pool.length)]!);
}

describe('uniqueItems with a Map answers as ajv does', () => {
  const ajv = { all: ajvValidators(true), first: ajvValidators(false) };

  it('on 3,000 random topics files, some with 20k-item reading orders', () => {
    const next = seededRandom(0x5eed);
    let duplicates = 0;
    for (let n = 0; n < 3000; n++) {
      const length = n % 100 === 0 ? 20_000 : next(12);
      const readingOrder = next(3) === 0 ? [...new Set(randomIds(next, length))] : randomIds(next, length);
      const doc = { topics: [{ id: 'cpu', title: 'CPU', description: 'd', readingOrder }] };
      const verdict = ajv.all.topics(doc);
      if (!verdict) duplicates++;
      expect(collecting.topics(doc), `file ${n}`).toBe(verdict);
      expect(collecting.topics.errors ?? null).toEqual(ajv.all.topics.errors ?? null);
      expect(firstError.topics(doc)).toBe(ajv.first.topics(doc));
      expect(firstError.topics.errors ?? null).toEqual(ajv.first.topics.errors ?? null);
    }
    // Both outcomes must be exercised, repeats of the special names among them.
    expect(duplicates).toBeGreaterThan(500);
    expect(duplicates).toBeLessThan(2900);
  });

  it('"__proto__" twice is not a repeat to ajv, and not to the generated validators', () => {
    const doc = {
      topics: [{ id: 'cpu', title: 'CPU', description: 'd', readingOrder: ['__proto__', '__proto__'] }],
    };
    expect(ajv.all.topics(doc)).toBe(true);
    expect(collecting.topics(doc)).toBe(true);
    expect(firstError.topics(doc)).toBe(true);
    const twice = {
      topics: [{ id: 'cpu', title: 'CPU', description: 'd', readingOrder: ['toString', 'toString'] }],
    };
    expect(collecting.topics(twice)).toBe(false);
    expect(collecting.topics.errors?.[0]?.keyword).toBe('uniqueItems');
  });

  it("on entries' topics with repeats", () => {
    const next = seededRandom(0xfeed);
    for (let n = 0; n < 2000; n++) {
      const doc = {
        id: 'x',
        type: 'book',
        title: 't',
        authors: [{ literal: 'A' }],
        topics: randomIds(next, 1 + next(5)),
        annotation: 'a',
        provenance: { source: 'contributed' },
      };
      expect(collecting.entry(doc), `entry ${n}`).toBe(ajv.all.entry(doc));
      expect(collecting.entry.errors ?? null).toEqual(ajv.all.entry.errors ?? null);
      expect(firstError.entry(doc)).toBe(ajv.first.entry(doc));
      expect(firstError.entry.errors ?? null).toEqual(ajv.first.entry.errors ?? null);
    }
  });
});
