import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** A minimal valid entry; tests derive broken variants from it. */
/** `extra` goes before `topics`; `provenance` adds lines (indented by two) to the provenance block. */
export function validEntry(id: string, extra = '', provenance = ''): string {
  return `id: ${id}
type: paper-conference
title: A Title for ${id}
authors:
  - family: Doe
    given: Jane
year: 2020
${extra}topics: [cpu]
annotation: A synthetic entry written by a test.
provenance:
  source: contributed
  verifiedWith: [https://dblp.org/rec/conf/x/Doe20]
${provenance}`;
}

/**
 * Writes a throwaway dataset directory (removed after the test file) and returns its path. Unless the files
 * include one (or `topics: false`), a topics.yaml defines topic `cpu` with every entry file's name in its
 * reading order, so that a dataset of valid entries is clean.
 */
export function makeDataset(
  files: Record<string, string | Buffer>,
  options: { topics?: false } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-test-'));
  created.push(dir);
  mkdirSync(join(dir, 'entries'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  if (options.topics !== false && !('topics.yaml' in files)) {
    const ids = Object.keys(files)
      .filter((name) => name.startsWith('entries/'))
      .map((name) => name.slice('entries/'.length).replace(/\.ya?ml$/, ''));
    writeFileSync(join(dir, 'topics.yaml'), topicsYaml(ids));
  }
  return dir;
}

/** A topics.yaml with the one topic the test entries use, `cpu`, and a reading order of `ids`. */
export function topicsYaml(ids: readonly string[]): string {
  const order = ids.length > 0 ? `    readingOrder:\n${ids.map((id) => `      - ${id}\n`).join('')}` : '';
  return `topics:\n  - id: cpu\n    title: CPU\n    description: Processors.\n${order}`;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A seeded xorshift sequence for the tests that try many generated inputs: `next(n)` is a whole number
 * below n, the same sequence for the same seed, so a failure can be replayed.
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

/** Seeded strings of `min` to `max` parts, each part picked from `parts`. */
export function* randomStrings(
  parts: readonly string[],
  count: number,
  { seed, min, max }: { seed: number; min: number; max: number },
): Generator<string> {
  const next = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let k = min + next(max - min + 1); k > 0; k--) s += parts[next(parts.length)];
    yield s;
  }
}
