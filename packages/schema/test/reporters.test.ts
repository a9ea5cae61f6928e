import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { formatGithub, formatJson, formatText } from '../src/diagnostics/reporters.js';

const diagnostics: Diagnostic[] = [
  {
    code: 'doi-format',
    severity: 'error',
    file: 'entries/doe2020a.yaml',
    line: 2,
    column: 6,
    message: 'DOI "10.1145/ABC" is not normalized, expected "10.1145/abc".',
    hint: 'Run `virtbib validate --fix`.',
  },
  {
    code: 'url-https',
    severity: 'warning',
    file: 'topics.yaml',
    line: 0,
    column: 0,
    message: 'http, 50%',
    hint: 'Use https.',
  },
];

describe('reporters', () => {
  it('text: location, code, message, a code frame with a caret, the hint and a summary', () => {
    const out = formatText(diagnostics, { readText: () => 'id: doe2020a\ndoi: 10.1145/ABC\nyear: 2020\n' });
    expect(out).toContain('entries/doe2020a.yaml:2:6 error doi-format DOI');
    expect(out).toContain('  > 2 | doi: 10.1145/ABC\n      |      ^\n');
    expect(out).toContain('hint: Run `virtbib validate --fix`.');
    expect(out).toContain('topics.yaml warning url-https');
    expect(out.trimEnd().endsWith('1 error, 1 warning')).toBe(true);
    expect(out).not.toContain('\u001b[');
  });

  it('json: the diagnostics unchanged plus a summary', () => {
    expect(JSON.parse(formatJson(diagnostics))).toEqual({ diagnostics, summary: { errors: 1, warnings: 1 } });
  });

  it('github: one escaped workflow command per finding, with the path prefix', () => {
    const lines = formatGithub(diagnostics, 'packages/data/').trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=packages/data/entries/doe2020a.yaml,line=2,col=6,title=doi-format::DOI "10.1145/ABC" is not normalized%2C expected "10.1145/abc". Hint: Run `virtbib validate --fix`.'.replace(
        '%2C',
        ',',
      ),
    );
    expect(lines[1]).toBe(
      '::warning file=packages/data/topics.yaml,title=url-https::http, 50%25 Hint: Use https.',
    );
  });
});
