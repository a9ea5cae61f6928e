import { describe, expect, it } from 'vitest';
import {
  buildReport,
  exitCodeOf,
  type LinkResult,
  mergeReports,
  parseReport,
  parseShard,
  render,
  shardOf,
} from '../src/links/index.js';

function result(url: string, extra: Partial<LinkResult> = {}): LinkResult {
  return {
    url,
    class: 'ok',
    code: 'ok',
    status: 200,
    redirects: [],
    attempts: 1,
    requests: 1,
    durationMs: 12,
    sources: [{ file: 'packages/data/entries/a.yaml', line: 3, column: 9, field: 'urls.landing' }],
    ...extra,
  };
}

const sample = () =>
  buildReport(
    [
      result('https://ok.example/'),
      result('https://dead.example/x', { class: 'broken', code: 'http-404', status: 404 }),
      result('https://flaky.example/', {
        class: 'suspect',
        observed: 'timeout',
        code: 'headers-timeout',
        status: undefined,
        consecutiveFailures: 1,
      }),
      result('https://wall.example/', {
        class: 'blocked',
        code: 'bot-protection',
        status: 403,
        detail: 'header cf-ray',
      }),
      result('http://moved.example/', {
        class: 'redirected',
        code: 'redirect-permanent',
        finalUrl: 'https://moved.example/',
        redirects: [{ url: 'http://moved.example/', status: 301 }],
        suggestion: { url: 'https://moved.example/', reason: 'permanent-redirect' },
      }),
      result('https://a.example/<&>"', { class: 'error', code: 'http-5xx', status: 502 }),
    ],
    { durationMs: 1234, minFailures: 2, now: new Date('2030-01-02T03:04:05Z') },
  );

describe('report', () => {
  it('summarizes per class and sorts worst first', () => {
    const report = sample();
    expect(report.summary).toMatchObject({
      total: 6,
      ok: 1,
      broken: 1,
      suspect: 1,
      blocked: 1,
      redirected: 1,
      error: 1,
      failing: 2,
      suggestions: 1,
    });
    expect(report.results.map((r) => r.class)).toEqual([
      'broken',
      'error',
      'suspect',
      'blocked',
      'redirected',
      'ok',
    ]);
    expect(exitCodeOf(report)).toBe(1);
  });

  it('json round-trips through parseReport', () => {
    const report = sample();
    expect(parseReport(render(report, 'json'), 'r.json')).toEqual(report);
    expect(() => parseReport('{"format":"other"}', 'x.json')).toThrow(/x\.json is not a link report/);
    expect(() => parseReport('nope', 'y.json')).toThrow(/y\.json is not JSON/);
  });

  it('text lists what needs attention, with file:line, and a summary', () => {
    const text = render(sample(), 'text');
    expect(text).toContain('packages/data/entries/a.yaml:3:9 broken http-404 https://dead.example/x');
    expect(text).toContain('suggestion: https://moved.example/');
    expect(text).not.toContain('https://ok.example/');
    expect(text).toMatch(/checked 6 URLs in 1\.2 s .*1 broken.*\n2 failing link\(s\)/);
  });

  it('markdown has a summary table and sections for a tracking issue', () => {
    const md = render(sample(), 'markdown', {
      sourceUrl: (s) => `https://github.com/o/r/blob/abc/${s.file}#L${s.line}`,
    });
    expect(md).toContain('## Link check: 2 failing, 1 suspect');
    expect(md).toContain('### Broken (1)');
    expect(md).toContain('### Suspect (1)');
    expect(md).toContain('### Suggested updates (1)');
    expect(md).toContain(
      '[`packages/data/entries/a.yaml:3`](https://github.com/o/r/blob/abc/packages/data/entries/a.yaml#L3)',
    );
    expect(md).toContain('| https://dead.example/x | `http-404` (404) |');
  });

  it('github annotations sit on file and line, with levels by class', () => {
    const lines = render(sample(), 'github').split('\n');
    expect(lines).toContain(
      '::error file=packages/data/entries/a.yaml,line=3,col=9,title=broken http-404::https://dead.example/x: The server answered 404 Not Found.%0ALook for the new address (search the title), or add an archived copy under urls.archived.',
    );
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('::notice'))).toHaveLength(1);
  });

  it('junit has a test case per URL, failures for failing links, escaped', () => {
    const xml = render(sample(), 'junit');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="virtbib check" tests="6" failures="2" skipped="1"/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml).toContain('<failure type="http-404"');
    expect(xml).toContain('name="https://a.example/&lt;&amp;&gt;&quot;"');
    expect(xml).toContain('<skipped message="bot-protection');
  });
});

describe('shards', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/write i\/n/);
  });

  it('splits by host: deterministic, disjoint, complete, and a host never straddles shards', () => {
    const urls = Array.from({ length: 300 }, (_, i) => `https://host${i % 60}.example/page${i}`);
    const byShard = [1, 2, 3].map((i) => urls.filter((u) => shardOf(u, 3) === i));
    expect(byShard.flat().sort()).toEqual([...urls].sort());
    for (const part of byShard) expect(part.length).toBeGreaterThan(40);
    for (let h = 0; h < 60; h++) {
      const shards = new Set(
        urls.filter((u) => new URL(u).hostname === `host${h}.example`).map((u) => shardOf(u, 3)),
      );
      expect(shards.size).toBe(1);
    }
    // Stable across runs and machines: FNV-1a of the host name.
    expect(shardOf('https://dl.acm.org/doi/x', 4)).toBe(shardOf('https://DL.ACM.org/other', 4));
    expect(['dl.acm.org', 'doi.org', 'web.archive.org'].map((h) => shardOf(`https://${h}/`, 4))).toEqual([
      1, 4, 2,
    ]);
    expect(shardOf('not a url', 4)).toBe(1);
  });

  it('merges shard reports into one, keeping the worse result of a URL found twice', () => {
    const a = buildReport([result('https://a.example/'), result('https://both.example/')], {
      durationMs: 100,
      minFailures: 2,
      shards: ['1/2'],
    });
    const b = buildReport(
      [
        result('https://b.example/', { class: 'broken', code: 'http-410' }),
        result('https://both.example/', {
          class: 'broken',
          code: 'http-404',
          sources: [{ file: 'other.md', line: 9 }],
        }),
      ],
      { durationMs: 300, minFailures: 2, shards: ['2/2'] },
    );
    const merged = mergeReports([a, b]);
    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(merged.durationMs).toBe(300);
    expect(merged.summary).toMatchObject({ total: 3, broken: 2, ok: 1 });
    const both = merged.results.find((r) => r.url === 'https://both.example/')!;
    expect(both.code).toBe('http-404');
    expect(both.sources.map((s) => s.file)).toEqual(['packages/data/entries/a.yaml', 'other.md']);
  });
});
