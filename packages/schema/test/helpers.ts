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

/** Writes a throwaway dataset directory (removed after the test file) and returns its path. */
export function makeDataset(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtbib-test-'));
  created.push(dir);
  mkdirSync(join(dir, 'entries'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});
