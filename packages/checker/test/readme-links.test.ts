import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const repo = join(import.meta.dirname, '../../..');
const DOCUMENTS = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'packages/checker/README.md',
  'packages/data/README.md',
  'packages/schema/README.md',
  'packages/site/README.md',
];

describe("the repository's own documents", () => {
  it('have no broken relative link (virtbib check README.md CONTRIBUTING.md ..., as the README shows)', async () => {
    const { code, stdout } = await runCli(['check', ...DOCUMENTS, '--internal-only'], repo);
    expect(stdout).toMatch(/\d+ ok/);
    expect(stdout.split('\n').filter((line) => / broken /.test(line))).toEqual([]);
    expect(code).toBe(0);
  });
});
