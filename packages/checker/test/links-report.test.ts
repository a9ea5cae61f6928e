import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  exitCodeOf,
  type LinkResult,
  mergeReports,
  parseReport,
  parseShard,
  render,
  renderChunks,
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
    expect(text).toMatch(/checked 6 URLs in 1\.2 s .*1 broken.*\n2 failing links\n$/);
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
      '[` packages/data/entries/a.yaml:3 `](<https://github.com/o/r/blob/abc/packages/data/entries/a.yaml#L3>)',
    );
    expect(md).toContain('| [` https://dead.example/x `](<https://dead.example/x>) | ` http-404 ` (404) |');
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

/** A report whose URLs, details and registry metadata were written by an attacker. */
const hostile = () =>
  buildReport(
    [
      result('https://x.example/a)![pixel](https://evil.example/t.png)[click](https://evil.example/)', {
        class: 'broken',
        code: 'http-404',
        status: 404,
      }),
      result('doi:10.1/x', {
        class: 'broken',
        code: 'doi-mismatch',
        mismatches: [
          {
            field: 'title',
            entry: 'Xen',
            registry:
              'A <img src=x onerror=alert(1)> title | with [a link](https://evil.example/) ![i](https://evil.example/i.png) @maintainer *bold* `code` $x$\u001b[31m\nred\r\n::error::forged',
          },
        ],
      }),
      result('https://y.example/', {
        class: 'blocked',
        code: 'bot-protection',
        status: 403,
        detail: 'server: evil\u001b]0;title\u0007 <script>x</script>',
      }),
      result('http://moved.example/', {
        class: 'redirected',
        code: 'redirect-permanent',
        suggestion: { url: 'https://z.example/"><img src=x>', reason: 'permanent-redirect' },
      }),
    ],
    { durationMs: 1, minFailures: 1, shards: ['1/2 ![s](https://evil.example/s.png)'] },
  );

const havePandoc = spawnSync('pandoc', ['--version']).status === 0;

describe('remote text in reports', () => {
  it('markdown escapes every cell: no link, image, HTML or mention that the report did not make', () => {
    const md = render(hostile(), 'markdown');
    // Outside code spans (which show text literally), nothing active is left unescaped.
    const prose = md.replace(/(`+) .*? \1/g, '');
    expect(prose).not.toMatch(/(?<!\\)!(?<!\\)\[/);
    expect(prose).not.toMatch(/(?<!\\)\]\((?!<)/);
    expect(prose).not.toMatch(/(?<!\\)<(img|script)/);
    expect(prose).not.toMatch(/@maintainer/);
    expect(md).not.toContain('\u001b');
    expect(md).not.toMatch(/\n(red|::error)/);
  });

  // pandoc reads GitHub-flavoured Markdown as GitHub does; .ci/run installs it, so CI never skips this.
  it.skipIf(!havePandoc && process.env.CI !== 'true')(
    "rendered as GitHub Markdown, the only links are the report's own and there is no image or HTML",
    () => {
      const html = spawnSync('pandoc', ['-f', 'gfm', '-t', 'html', '--wrap=none'], {
        input: render(hostile(), 'markdown'),
        encoding: 'utf8',
      });
      expect(html.status).toBe(0);
      const hrefs = [...html.stdout.matchAll(/<a href="([^"]*)"/g)].map((m) => new URL(m[1]!).hostname);
      expect(hrefs.sort()).toEqual(['moved.example', 'x.example', 'y.example', 'z.example']);
      expect(html.stdout).not.toMatch(/<img|<script|<details><summary>Show/);
      expect(html.stdout.match(/<tr/g)?.length).toBeGreaterThan(4);
    },
  );

  it('text and GitHub annotations print remote text on one line, control characters shown, not obeyed', () => {
    const text = render(hostile(), 'text');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('\\u{1b}[31m');
    expect(text.split('\n').some((l) => l.startsWith('::error') || l.startsWith('red'))).toBe(false);
    const github = render(hostile(), 'github');
    for (const line of github.trimEnd().split('\n'))
      expect(line, line).toMatch(/^(::(error|warning|notice) [^\n]*::[^\n]*|virtbib check: .*)$/);
    expect(github.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(4);
    expect(github).not.toContain('\u001b');
  });

  it('JSON keeps the data exactly as it came (it is data, not a display)', () => {
    const report = hostile();
    expect(JSON.parse(render(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('wording', () => {
  it('counts in the right number, and tells updates from archived copies', () => {
    const one = buildReport(
      [
        result('https://dead.example/', {
          class: 'broken',
          code: 'http-404',
          suggestion: {
            url: 'https://web.archive.org/web/2020/https://dead.example/',
            reason: 'archived-copy',
          },
        }),
      ],
      { durationMs: 1, minFailures: 1 },
    );
    const text = render(one, 'text');
    expect(text).toMatch(/^checked 1 URL in 0\.0 s with 1 request: 1 broken \(1 archived copy found\)$/m);
    expect(text).toContain('1 failing link\n');
    expect(text).toContain('  archived copy: https://web.archive.org/web/2020/https://dead.example/');
    expect(text).not.toContain('to update');
    expect(one.summary).toMatchObject({ suggestions: 0, archived: 1 });
    const md = render(one, 'markdown');
    expect(md).toContain('Checked 1 URL on');
    expect(md).toContain('after 1 failing run in a row');
    expect(md).toContain('### Archived copies (1)');
    expect(md).not.toContain('Suggested updates');
    expect(md).not.toContain('redirect permanently');
    expect(render(one, 'github')).toContain('virtbib check: 1 URL, 1 failing');
    const many = render(sample(), 'markdown');
    expect(many).toContain('### Suggested updates (1)');
    expect(many).not.toContain('### Archived copies');
    expect(render(sample(), 'text')).toMatch(/\(1 to update\)/);
  });
});

describe('streamed rendering', () => {
  it('JSON in pieces is exactly JSON.stringify of the report, and no piece holds the whole', () => {
    const report = buildReport(
      Array.from({ length: 2_000 }, (_, i) => result(`https://h${i % 7}.example/${i}`)),
      { durationMs: 1, minFailures: 1 },
    );
    const pieces = [...renderChunks(report, 'json')];
    expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const whole = pieces.join('').length;
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole / 5);
    const empty = buildReport([], { durationMs: 1, minFailures: 1 });
    expect([...renderChunks(empty, 'json')].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });
});
