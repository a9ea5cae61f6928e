import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocator, locate } from '../src/diagnostics/locate.js';
import { validateDataset } from '../src/validate.js';
import { makeDataset, validEntry } from './helpers.js';

// Counts the position-keeping parses: locating must cost one parse per file, whatever the findings.
const count = vi.hoisted(() => ({ parses: 0 }));
vi.mock('../src/yaml/yaml-lib.js', async (importOriginal) => {
  const { yamlLib } = await importOriginal<typeof import('../src/yaml/yaml-lib.js')>();
  const yaml = yamlLib();
  const counted = {
    ...yaml,
    parseDocument: ((...args: Parameters<typeof yaml.parseDocument>) => {
      count.parses++;
      return yaml.parseDocument(...args);
    }) as typeof yaml.parseDocument,
  };
  return { yamlLib: () => counted };
});
beforeEach(() => {
  count.parses = 0;
});

describe('locating findings costs one parse per file', () => {
  it('2,000 findings in one entry: one parse to place them all', async () => {
    const people = Array.from({ length: 2000 }, (_, i) => `  - name: Person ${i}\n`).join('');
    const text = validEntry('doe2020a').replace('  - family: Doe\n    given: Jane\n', people);
    const dir = makeDataset({ 'entries/doe2020a.yaml': text });
    const { diagnostics } = await validateDataset(dir, { threads: 1 });
    const shapes = diagnostics.filter((d) => d.code === 'schema-shape');
    expect(shapes).toHaveLength(2000);
    expect(shapes[1999]).toMatchObject({ line: 2004, column: 5 });
    expect(count.parses).toBe(1);
  });

  it('locate() with the same text many times (the link checker, 2,000 URLs in one entry) parses once', () => {
    const urls = Array.from({ length: 2000 }, (_, i) => `    - https://example.org/${i}\n`).join('');
    const text = `id: a\nprovenance:\n  verifiedWith:\n${urls}`;
    for (let i = 0; i < 2000; i++)
      expect(locate(text, ['provenance', 'verifiedWith', i])).toEqual({ line: 4 + i, column: 7 });
    expect(count.parses).toBe(1);
  });

  it('a locator keeps its one parse for every path', () => {
    const at = createLocator('a:\n  b: 1\n  c: [x, y]\n');
    expect(at(['a', 'c', 1])).toEqual({ line: 3, column: 10 });
    expect(at(['a', 'b'], 'key')).toEqual({ line: 2, column: 3 });
    expect(at(['a', 'missing'])).toEqual({ line: 2, column: 3 });
    expect(count.parses).toBe(1);
  });
});
