import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageMarkdown, withCoverage } from '../scripts/lib/coverage.mjs';
import { packageDir, readDistJson } from './helpers.js';

interface Published {
  entries: { id: string; year?: number; peerReviewed?: boolean }[];
  topics: { id: string; title: string; entries: string[] }[];
}

const published = readDistJson<Published>('bibliography.json');

describe('the README coverage table', () => {
  it('is the table of the published data (run `npm run build -w @virtbib/data` when this fails)', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    expect(withCoverage(readme, published)).toBe(readme);
  });

  it('counts every topic by decade, with totals that match the data', () => {
    const table = coverageMarkdown(published) as string;
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
    const header = (rows[0] ?? '').split('|').map((c) => c.trim());
    const totalColumn = header.indexOf('entries');
    for (const topic of published.topics) {
      const row = rows.find((r) => r.startsWith(`| ${topic.title} |`));
      expect(row, topic.title).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(Number(cells[totalColumn])).toBe(topic.entries.length);
      const byDecade = cells.slice(2, totalColumn).reduce((sum, c) => sum + Number(c || 0), 0);
      expect(byDecade).toBe(topic.entries.length);
    }
    expect(rows.at(-1)).toContain(`**${published.entries.length}**`);
  });

  it('leaves a README without its markers alone', () => {
    expect(withCoverage('# no table here\n', published)).toBeUndefined();
  });
});
