import { describe, expect, it } from 'vitest';
import { validateDataset } from '../src/validate.js';
import { makeDataset, validEntry } from './helpers.js';

const topics =
  'topics:\n  - id: cpu\n    title: CPU\n    description: Processors.\n    readingOrder: [doe2020alpha]\n';
const plainHttp = 'urls:\n  landing: http://example.org/paper\n';
const waiver = (rule: string) =>
  `  waivers:\n    - rule: ${rule}\n      reason: The host serves this page only over plain http; https is refused.\n`;

async function codes(entry: string) {
  const dir = makeDataset({ 'entries/doe2020alpha.yaml': entry, 'topics.yaml': topics });
  const { diagnostics } = await validateDataset(dir, { threads: 1 });
  return diagnostics.map(({ code, severity, line }) => ({ code, severity, line }));
}

describe('provenance.waivers', () => {
  it('without a waiver, the warning is reported', async () => {
    expect(await codes(validEntry('doe2020alpha', plainHttp))).toEqual([
      { code: 'url-https', severity: 'warning', line: 9 },
    ]);
  });

  it('a waiver with its reason silences exactly that rule on that entry', async () => {
    expect(await codes(validEntry('doe2020alpha', plainHttp, waiver('url-https')))).toEqual([]);
  });

  it('a waiver that matches no warning is an error, so it cannot hide the next real one', async () => {
    expect(await codes(validEntry('doe2020alpha', '', waiver('url-https')))).toEqual([
      { code: 'waiver-unused', severity: 'error', line: 14 },
    ]);
  });

  it('errors cannot be waived, and unknown rules are named', async () => {
    const both = `  waivers:
    - rule: doi-format
      reason: An attempt to waive an error-level rule.
    - rule: no-such-rule
      reason: An attempt to waive a rule that does not exist.
`;
    const found = await codes(validEntry('doe2020alpha', 'doi: not-a-doi\n', both));
    expect(found).toEqual([
      { code: 'doi-format', severity: 'error', line: 8 },
      { code: 'waiver-unused', severity: 'error', line: 15 },
      { code: 'waiver-unused', severity: 'error', line: 17 },
    ]);
  });

  it('waivers of rules that did not run (--only) are not judged', async () => {
    const dir = makeDataset({
      'entries/doe2020alpha.yaml': validEntry('doe2020alpha', '', waiver('url-https')),
      'topics.yaml': topics,
    });
    const { diagnostics } = await validateDataset(dir, { threads: 1, only: ['doi-format'] });
    expect(diagnostics).toEqual([]);
  });
});
