// dist/csl.json as pandoc's citeproc reads it: every entry must come out as a reference, without warnings.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishedEntry } from '@virtbib/schema';
import { describe, expect, it } from 'vitest';
import { distDir, readDistJson, tempDir, tool } from './helpers.js';

const pandoc = tool('pandoc', 'apt-get install pandoc; .ci/run does');
const published = readDistJson<{ entries: PublishedEntry[] }>('bibliography.json');

describe.runIf(pandoc.run)(`csl.json in pandoc --citeproc${pandoc.note}`, () => {
  it('renders one reference per entry, with its DOI, and warns about nothing', () => {
    const { dir, cleanup } = tempDir('pandoc');
    try {
      const doc = join(dir, 'all.md');
      writeFileSync(doc, '---\nnocite: "@*"\n---\n');
      const result = spawnSync(
        'pandoc',
        [doc, '--citeproc', '--bibliography', join(distDir, 'csl.json'), '--wrap=none', '-t', 'plain'],
        { encoding: 'utf8' },
      );
      expect(result.error, 'pandoc could not run: is it installed?').toBeUndefined();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const references = result.stdout.split('\n').filter((line) => line.trim() !== '');
      expect(references).toHaveLength(published.entries.length);
      for (const entry of published.entries) {
        if (entry.doi) expect(references.some((r) => r.includes(`https://doi.org/${entry.doi}`))).toBe(true);
      }
    } finally {
      cleanup();
    }
  });
});
