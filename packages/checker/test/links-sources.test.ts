import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlInputs, markdownInputs, readInputs, urlListInputs } from '../src/links/index.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const at = (inputs: { url: string; source?: { line: number; column?: number } }[]) =>
  inputs.map((i) => `${i.source?.line}:${i.source?.column} ${i.url}`);

describe('markdown', () => {
  it('finds inline, reference, autolinks, bare URLs and inline HTML, with lines; skips code and relative links', () => {
    const md = [
      '# Title', // 1
      'See [Xen](https://xen.org/a_(b)) and ![img](<https://img.example/x.png>).', // 2
      'Bare: https://bare.example/path. And <https://auto.example/>.', // 3
      '```sh', // 4
      'curl https://in-fence.example/', // 5
      '```', // 6
      'Code `https://in-span.example/` stays out; [rel](./docs/x.md) and [mail](mailto:a@b.c) too.', // 7
      '[ref]: https://ref.example/def "Title"', // 8
      '<a href="https://html.example/">x</a>', // 9
    ].join('\n');
    expect(at(markdownInputs(md, 'README.md'))).toEqual([
      '2:11 https://xen.org/a_(b)',
      '2:46 https://img.example/x.png',
      '3:7 https://bare.example/path',
      '3:39 https://auto.example/',
      '8:8 https://ref.example/def',
      '9:10 https://html.example/',
    ]);
  });
});

describe('html', () => {
  it('finds href and src with lines, decodes entities, skips comments and scripts, resolves against <base>', () => {
    const html = [
      '<html><head><base href="https://base.example/dir/">', // 1
      '<link rel="stylesheet" href="style.css"><script src="https://cdn.example/s.js">var x = \'<a href="https://in-script.example/">\';</script>', // 2
      '</head><body>', // 3
      '<!-- <a href="https://commented.example/">old</a> -->', // 4
      '<a class="x"', // 5
      '   href="https://q.example/?a=1&amp;b=2">q</a> <img src=\'https://img.example/i.png\'>', // 6
      '<a href="#top">top</a> <a href="mailto:x@y.z">mail</a> <a href=//proto.example/p>p</a>', // 7
    ].join('\n');
    expect(at(htmlInputs(html, 'index.html'))).toEqual([
      '2:30 https://base.example/dir/style.css',
      '2:54 https://cdn.example/s.js',
      '6:10 https://q.example/?a=1&b=2',
      '6:58 https://img.example/i.png',
      '7:64 https://proto.example/p',
    ]);
  });
});

describe('url lists', () => {
  it('one per line, comments and blanks ignored, every other line checked as written', () => {
    expect(
      at(urlListInputs('# links\nhttps://a.example/\n\n  https://b.example/  \nnot a url\n', 'urls.txt')),
    ).toEqual(['2:1 https://a.example/', '4:3 https://b.example/', '5:1 not a url']);
  });
});

describe('inputs', () => {
  it('reads a dataset: urls.* and web records of provenance.verifiedWith, with file, line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-inputs-'));
    temps.push(dir);
    mkdirSync(join(dir, 'data/entries'), { recursive: true });
    writeFileSync(
      join(dir, 'data/entries/doe2020a.yaml'),
      'id: doe2020a\ntype: paper-conference\ntitle: T\nurls:\n  landing: https://land.example/\n  open: https://open.example/x.pdf\nprovenance:\n  source: contributed\n  verifiedWith:\n    - DBLP record\n    - https://dblp.example/rec\n',
    );
    writeFileSync(join(dir, 'data/entries/broken.yaml'), 'id: [\n');
    const inputs = readInputs('data', dir);
    expect(inputs).toEqual([
      {
        url: 'https://land.example/',
        source: { file: 'data/entries/doe2020a.yaml', line: 5, column: 12, field: 'urls.landing' },
      },
      {
        url: 'https://open.example/x.pdf',
        source: { file: 'data/entries/doe2020a.yaml', line: 6, column: 9, field: 'urls.open' },
      },
      {
        url: 'https://dblp.example/rec',
        source: {
          file: 'data/entries/doe2020a.yaml',
          line: 11,
          column: 7,
          field: 'provenance.verifiedWith[1]',
        },
      },
    ]);
    writeFileSync(join(dir, 'links.md'), '[a](https://md.example/)\n');
    expect(readInputs('links.md', dir)).toEqual([
      { url: 'https://md.example/', source: { file: 'links.md', line: 1, column: 5 } },
    ]);
    expect(() => readInputs('missing.txt', dir)).toThrow(/missing\.txt does not exist/);
    expect(() => readInputs('data/entries', dir)).toThrow(
      /data\/entries is a directory with neither an entries\/ folder \(a dataset\) nor Markdown or HTML files/,
    );
  });
});

describe('links that cannot be checked', () => {
  it('keeps ftp: and other schemes with their place, for the engine to report; drops mailto: and the like', () => {
    const md = [
      '[files](ftp://files.example/x.tar) and <gopher://hole.example/1> and [mail](mailto:a@b.c)', // 1
      '<a href="file:///etc/passwd">f</a> <a href="tel:+100">t</a> [js](javascript:void(0))', // 2
      '[ref]: ftp://ref.example/def', // 3
      '[win](C:\\docs\\x.md) [rel](docs/x.md)', // 4
    ].join('\n');
    expect(at(markdownInputs(md, 'README.md'))).toEqual([
      '1:9 ftp://files.example/x.tar',
      '1:41 gopher://hole.example/1',
      '2:10 file:///etc/passwd',
      '3:8 ftp://ref.example/def',
    ]);
    const html =
      '<a href="ftp://x.example/">x</a>\n<a href="mailto:y@z">y</a> <img src="data:image/png;base64,AA">';
    expect(at(htmlInputs(html, 'a.html'))).toEqual(['1:10 ftp://x.example/']);
  });
});

describe('hostile markup', () => {
  // Each of these took minutes with the regular expressions used before (quadratic or worse in the
  // length of a tag that never closes); read in one pass, each takes milliseconds. The margin is wide.
  it('is read in linear time, and the links before it are still found', () => {
    const n = 200_000;
    const good = '[ok](https://ok.example/)\n';
    const started = Date.now();
    for (const tail of [
      '<a '.repeat(n),
      '<a href="x" '.repeat(n / 4),
      '<!--'.repeat(n),
      '](<a'.repeat(n),
      '<http://a'.repeat(n),
      '`` ` '.repeat(n),
      `<a href="${'x'.repeat(n)}`,
    ]) {
      expect(at(markdownInputs(good + tail, 'x.md'))[0]).toBe('1:6 https://ok.example/');
      expect(at(htmlInputs(`<a href="https://ok.example/">ok</a>\n${tail}`, 'x.html'))[0]).toBe(
        '1:10 https://ok.example/',
      );
    }
    for (const tail of ['<script>'.repeat(n), '<style>x'.repeat(n), '<a <b <c '.repeat(n / 3)])
      expect(at(htmlInputs(`<a href="https://ok.example/">ok</a>\n${tail}`, 'x.html'))).toEqual([
        '1:10 https://ok.example/',
      ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});

describe('directories of documents', () => {
  it('reads Markdown and HTML files under a directory, skipping node_modules, dot-folders and links', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-docs-'));
    temps.push(dir);
    const outside = mkdtempSync(join(tmpdir(), 'virtbib-outside-'));
    temps.push(outside);
    writeFileSync(join(outside, 'secret.md'), '[s](https://outside.example/)\n');
    for (const [file, text] of Object.entries({
      'docs/index.md': '[a](https://a.example/)\n',
      'docs/guide/page.html': '<a href="https://b.example/">b</a>\n',
      'docs/guide/notes.txt': 'https://not-read.example/\n',
      'docs/node_modules/pkg/README.md': '[n](https://node-modules.example/)\n',
      'docs/.cache/x.md': '[c](https://dot-folder.example/)\n',
    })) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    symlinkSync(outside, join(dir, 'docs/linked'));
    symlinkSync(join(outside, 'secret.md'), join(dir, 'docs/linked.md'));
    expect(at(readInputs('docs', dir)).map((x) => x.split(' ')[1])).toEqual([
      'https://b.example/',
      'https://a.example/',
    ]);
    expect(readInputs('docs', dir).map((i) => i.source?.file)).toEqual([
      'docs/guide/page.html',
      'docs/index.md',
    ]);
  });
});
