import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import * as firstErrorModule from '../generated/first-error.js';
import * as collectingModule from '../generated/validators.js';

// checkSchema asks the validators that stop at the first error, and only asks the ones that collect every
// error when those say no (scripts/compile-validators.mjs). That is right only if the two always agree on
// whether a document is valid: here they are asked about the real files and about every one-step mutation
// of them, which breaks each field in each way the schemas tell apart.
const data = join(import.meta.dirname, '../../data');
const firstError = {
  entry: firstErrorModule.entry,
  topics: firstErrorModule.topics,
  notes: firstErrorModule.notes,
};
const collecting = {
  entry: collectingModule.entry,
  topics: collectingModule.topics,
  notes: collectingModule.notes,
};
// As the loader reads them: the core schema, so that a date stays a string.
const load = (path: string): unknown =>
  jsyaml.load(readFileSync(path, 'utf8'), { schema: jsyaml.CORE_SCHEMA });

const replacements: unknown[] = [null, 0, 1.5, -3, '', 'x', 'https://example.org/', [], ['x'], {}, true];

/** Every document one step from `doc`: a value replaced, a key removed, an unknown key added. */
function* mutations(doc: unknown): Generator<unknown> {
  const copy = () => structuredClone(doc) as Record<string | number, unknown>;
  function* at(path: (string | number)[], value: unknown): Generator<unknown> {
    const set = (replace: (parent: Record<string | number, unknown>, key: string | number) => void) => {
      const next = copy();
      let parent = next;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
      replace(parent, path[path.length - 1]!);
      return next;
    };
    if (path.length > 0) {
      for (const r of replacements)
        yield set((parent, key) => {
          parent[key] = structuredClone(r);
        });
      yield set((parent, key) => {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      });
    }
    if (value && typeof value === 'object') {
      if (!Array.isArray(value)) {
        const next = copy();
        let target = next;
        for (const step of path) target = target[step] as Record<string | number, unknown>;
        target.unknownField = 'x';
        yield next;
      }
      for (const [key, child] of Object.entries(value))
        yield* at([...path, Array.isArray(value) ? Number(key) : key], child);
    }
  }
  yield* at([], doc);
}

function agree(kind: 'entry' | 'topics' | 'notes', docs: Iterable<unknown>) {
  const verdicts = { valid: 0, invalid: 0 };
  for (const doc of docs) {
    const quick = firstError[kind](doc);
    expect(quick, JSON.stringify(doc).slice(0, 300)).toBe(collecting[kind](doc));
    verdicts[quick ? 'valid' : 'invalid']++;
  }
  return verdicts;
}

describe('the validators that stop at the first error agree with those that collect every error', () => {
  it('on entries: the real ones and every one-step mutation of a sample of them', () => {
    const files = readdirSync(join(data, 'entries')).sort();
    const entries = files.map((f) => load(join(data, 'entries', f)));
    expect(agree('entry', entries)).toEqual({ valid: entries.length, invalid: 0 });
    // Every 8th entry, so that each type and shape the data has is mutated without taking long.
    const sample = entries.filter((_, i) => i % 8 === 0);
    const verdicts = agree(
      'entry',
      (function* () {
        for (const entry of sample) yield* mutations(entry);
        // A person is one of two shapes: both, neither, and each with the other's field.
        for (const person of [{ literal: 'X' }, { family: 'D', literal: 'X' }, {}, { given: 'J' }])
          yield { ...(sample[0] as object), authors: [person] };
      })(),
    );
    expect(verdicts.valid).toBeGreaterThan(100);
    expect(verdicts.invalid).toBeGreaterThan(1000);
  });

  it('on topics.yaml and the notes, and every one-step mutation of them', () => {
    const topics = load(join(data, 'topics.yaml'));
    const small = structuredClone(topics) as { topics: { readingOrder?: string[] }[] };
    // The real reading orders are long; a few IDs each mutate the same way.
    small.topics = small.topics.slice(0, 3).map((t) => ({ ...t, readingOrder: t.readingOrder?.slice(0, 3) }));
    const t = agree('topics', [topics, ...mutations(small)]);
    expect(t.valid).toBeGreaterThan(1);
    expect(t.invalid).toBeGreaterThan(100);
    const notes = readdirSync(join(data, 'notes')).map((f) => load(join(data, 'notes', f)));
    expect(notes.length).toBeGreaterThan(0);
    const n = agree('notes', [...notes, ...mutations(notes[0])]);
    expect(n.valid).toBeGreaterThan(1);
    expect(n.invalid).toBeGreaterThan(100);
  });
});
