import { describe, expect, it } from 'vitest';
import { validateDataset } from '../src/validate.js';
import { makeDataset, topicsYaml, validEntry } from './helpers.js';

async function findings(files: Record<string, string>) {
  const { diagnostics } = await validateDataset(makeDataset(files), { threads: 1 });
  return diagnostics.map(({ code, severity, file, line, message }) => ({
    code,
    severity,
    file,
    line,
    message,
  }));
}

describe('schema findings are precise and not repeated', () => {
  it('a missing required field is reported once', async () => {
    for (const field of ['type', 'year', 'title']) {
      const text = validEntry('doe2020a')
        .split('\n')
        .filter((line) => !line.startsWith(`${field}:`))
        .join('\n');
      const found = await findings({ 'entries/doe2020a.yaml': text });
      expect(
        found.map((d) => d.code),
        field,
      ).toEqual(['schema-required']);
      expect(found[0]!.message).toContain(`\`${field}\``);
    }
  });

  it('a duplicate in readingOrder is reported at the duplicate, with its ID', async () => {
    const found = await findings({
      'entries/doe2020a.yaml': validEntry('doe2020a'),
      'entries/doe2020b.yaml': validEntry('doe2020b'),
      'topics.yaml': topicsYaml(['doe2020a', 'doe2020b', 'doe2020a']),
    });
    expect(found).toEqual([
      {
        code: 'schema-constraint',
        severity: 'error',
        file: 'topics.yaml',
        line: 8,
        message: '`topics.0.readingOrder` lists "doe2020a" twice: item 3 duplicates item 1.',
      },
    ]);
  });
});

describe('lengths count characters', () => {
  it('minLength counts code points, not UTF-16 units (an emoji is one character)', async () => {
    const reason = (text: string) =>
      validEntry('doe2020a', 'unverified: [pages]\n', `  unverifiedReason: "${text}"\n`);
    // Ten emoji are twenty UTF-16 units but ten characters: under the minimum of twenty.
    const schemaCodes = async (text: string) =>
      (await findings({ 'entries/doe2020a.yaml': reason(text) }))
        .map((d) => d.code)
        .filter((code) => code.startsWith('schema-'));
    expect(await schemaCodes('🙂'.repeat(10))).toEqual(['schema-constraint']);
    expect(await schemaCodes('🙂'.repeat(20))).toEqual([]);
  });
});
