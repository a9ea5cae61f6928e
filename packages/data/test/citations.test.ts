// APA citations: the fast renderer matches citation-js's public API, the cache is keyed by content and never
// serves a stale citation, and worker threads give the same result as one thread.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry, PublishedEntry } from '@virtbib/schema';
import { parseDocument } from 'htmlparser2';
import { afterAll, describe, expect, it } from 'vitest';
import { renderApa, renderApaReference } from '../scripts/lib/apa.mjs';
import { citationKey, renderCitations } from '../scripts/lib/citations.mjs';
import { toCsl, toRenderable } from '../scripts/lib/formats/csl.mjs';
import { escapeAttribute, linkTarget, unsafeHtml } from '../scripts/lib/html.mjs';
import { readDistJson, tempDir } from './helpers.js';
import { hostile } from './sample-entries.js';

const published = readDistJson<{ entries: PublishedEntry[] }>('bibliography.json');
const items = readDistJson<{ id: string }[]>('csl.json').map(toRenderable);

describe('renderApa', () => {
  it('gives what citation-js formatting each item on its own gives, for every entry', () => {
    const fast = renderApa(items);
    expect(fast.map((c: { id: string }) => c.id)).toEqual(items.map((i) => i.id));
    for (const [i, item] of items.entries()) expect(fast[i]).toEqual(renderApaReference(item));
  });

  it('is what bibliography.json publishes (the cache served nothing stale)', () => {
    const fresh = new Map(renderApa(items).map((c: { id: string; text: string; html: string }) => [c.id, c]));
    for (const entry of published.entries) {
      const { text, html } = fresh.get(entry.id)!;
      expect(entry.citations?.apa).toEqual({ text, html });
    }
  });

  it('renders works of the same author and year as each alone: no 2003a, 2003b', () => {
    const work = (id: string, title: string) => ({
      id,
      type: 'paper-conference',
      title,
      author: [{ family: 'Waldspurger', given: 'Carl A.' }],
      issued: { 'date-parts': [[2002]] },
      'container-title': 'Proceedings of OSDI',
    });
    const batch = [
      work('a', 'Memory Resource Management'),
      work('b', 'Lottery Scheduling'),
      work('c', 'Memory'),
    ];
    const rendered = renderApa(batch);
    expect(rendered.map((c: { text: string }) => c.text)).toEqual(
      batch.map((item) => renderApaReference(item).text),
    );
    for (const citation of rendered) expect(citation.text).toContain('(2002).');
  });

  it('renders an undated web page without "Retrieved", and a dated access with it', () => {
    const page = {
      id: 'page',
      type: 'webpage',
      title: 'Credit Scheduler',
      author: [{ literal: 'Xen Project' }],
      URL: 'https://wiki.xen.org/wiki/Credit_Scheduler',
    };
    const undated = renderApa([page])[0]!;
    expect(undated.text).toBe(
      'Xen Project. (n.d.). Credit Scheduler. https://wiki.xen.org/wiki/Credit_Scheduler',
    );
    const accessed = renderApa([{ ...page, accessed: { 'date-parts': [[2024, 6, 1]] } }])[0]!;
    expect(accessed.text).toBe(
      'Xen Project. (n.d.). Credit Scheduler. Retrieved June 1, 2024, from https://wiki.xen.org/wiki/Credit_Scheduler',
    );
  });

  it('does not crash on a volume given as a number, once toCsl has stringified it', () => {
    const entry = {
      id: 'popek1974formal',
      type: 'article-journal',
      title: 'Formal Requirements',
      authors: [{ family: 'Popek', given: 'Gerald J.' }],
      year: 1974,
      containerTitle: 'Communications of the ACM',
      volume: 17,
      issue: 7,
      topics: ['overview'],
      annotation: 'An annotation long enough for the schema.',
      provenance: { source: 'seed' },
    } as unknown as Entry;
    const citation = renderApa([toRenderable(toCsl(entry))])[0]!;
    expect(citation.text).toContain('Communications of the ACM, 17(7).');
  });

  it('escapes HTML in the HTML form and links the DOI', () => {
    const citation = renderApa([
      {
        id: 'x',
        type: 'article-journal',
        title: 'Less <than> & more',
        author: [{ family: 'A' }],
        DOI: '10.1/x',
      },
    ])[0]!;
    expect(citation.html).toContain('Less &#60;than&#62; &#38; more');
    expect(citation.html).toContain('<a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>');
    expect(citation.text).toContain('Less <than> & more');
  });
});

type Node = ReturnType<typeof parseDocument>['children'][number];

/** The elements of an HTML fragment as a browser parses it, with their attributes, and its text. */
function parse(html: string) {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if ('data' in node && node.type === 'text') text += node.data;
      else if ('attribs' in node) {
        elements.push({ name: node.name, attributes: { ...node.attribs } });
        walk(node.children);
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  return { elements, text };
}

const allowed = (element: { name: string; attributes: Record<string, string> }) => {
  const keys = Object.keys(element.attributes);
  if (['i', 'b', 'sup', 'sub'].includes(element.name)) return keys.length === 0;
  if (element.name === 'span') return keys.every((k) => k === 'style' || k === 'class');
  if (element.name === 'a') return keys.length === 1 && /^https?:\/\//.test(element.attributes.href ?? '');
  return false;
};

describe('citations.apa.html under hostile data', () => {
  const [citation] = renderApa([toRenderable(toCsl(hostile))]);

  it('escapes every value: the markup in a title, a name, a venue or a DOI stays text', () => {
    const { elements, text } = parse(citation!.html);
    expect(elements.filter((element) => !allowed(element))).toEqual([]);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Doe"><img src=x onerror=alert(1)>');
    expect(text).toContain('10.5555/x"autofocus/onfocus=alert(1)<&>');
    expect(unsafeHtml(citation!.html)).toBeUndefined();
  });

  it('links the DOI with the whole DOI in the href, quotes and all, percent-encoded', () => {
    const links = parse(citation!.html).elements.filter((element) => element.name === 'a');
    expect(links.map((link) => link.attributes)).toEqual([
      { href: 'https://doi.org/10.5555/x%22autofocus/onfocus%3Dalert(1)%3C%26%3E' },
    ]);
  });

  it('never links a javascript: URL, nor anything but http(s)', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
    ]) {
      const [page] = renderApa([
        { id: 'p', type: 'webpage', title: 'Page', author: [{ literal: 'Someone' }], URL: url },
      ]);
      const { elements, text } = parse(page!.html);
      expect(
        elements.filter((element) => element.name === 'a'),
        url,
      ).toEqual([]);
      expect(text, url).toContain(url);
    }
  });

  it('escapes a URL that breaks out of the attribute', () => {
    const [page] = renderApa([
      {
        id: 'p',
        type: 'webpage',
        title: 'Page',
        author: [{ literal: 'Someone' }],
        URL: 'https://example.org/a"onmouseover="alert(1)&b=\'c\'',
      },
    ]);
    const { elements } = parse(page!.html);
    expect(elements.filter((element) => element.name === 'a').map((link) => link.attributes)).toEqual([
      { href: "https://example.org/a%22onmouseover=%22alert(1)&b='c'" },
    ]);
    expect(unsafeHtml(page!.html)).toBeUndefined();
  });
});

describe('html.mjs', () => {
  it('escapes the five characters that matter in a double- or single-quoted attribute', () => {
    expect(escapeAttribute(`a&b"c'd<e>f`)).toBe('a&amp;b&quot;c&#39;d&lt;e&gt;f');
  });

  it('links only absolute http(s) URLs and DOIs', () => {
    expect(linkTarget('https://doi.org/10.1/x')).toBe('https://doi.org/10.1/x');
    expect(linkTarget('https://doi.org/')).toBeUndefined();
    expect(linkTarget('http://example.org/a b')).toBe('http://example.org/a%20b');
    expect(linkTarget('javascript:alert(1)')).toBeUndefined();
    expect(linkTarget('//example.org')).toBeUndefined();
    expect(linkTarget('https://e.org/x<sup>1</sup>')).toBeUndefined();
  });

  it('finds markup that citeproc does not write, and unescaped ampersands', () => {
    expect(
      unsafeHtml('<i>T</i>. <a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>'),
    ).toBeUndefined();
    expect(unsafeHtml('<span style="font-variant:small-caps;">x</span> &#38; &amp;')).toBeUndefined();
    expect(unsafeHtml('<a href="https://doi.org/x"autofocus onfocus=alert(1)">')).toMatch(
      /unexpected markup/,
    );
    expect(unsafeHtml('<a href="javascript:alert(1)">x</a>')).toMatch(/unexpected markup/);
    expect(unsafeHtml('<img src=x>')).toMatch(/unexpected markup/);
    expect(unsafeHtml('Tom & Jerry')).toMatch(/unescaped/);
  });
});

describe('bibliography.json', () => {
  it('publishes only safe HTML for every entry', () => {
    for (const entry of published.entries) {
      expect(unsafeHtml(entry.citations.apa.html), entry.id).toBeUndefined();
      const { elements } = parse(entry.citations.apa.html);
      expect(
        elements.filter((element) => !allowed(element)),
        entry.id,
      ).toEqual([]);
    }
  });
});

describe('renderCitations', () => {
  const temp = tempDir('cache');
  afterAll(temp.cleanup);
  const sample = items.slice(0, 6);

  it('renders on first use, then reuses every citation', async () => {
    const cacheFile = join(temp.dir, 'reuse', 'cache.json');
    const first = await renderCitations(sample, { cacheFile });
    expect([first.rendered, first.reused]).toEqual([6, 0]);
    const second = await renderCitations(sample, { cacheFile });
    expect([second.rendered, second.reused]).toEqual([0, 6]);
    expect([...second.citations]).toEqual([...first.citations]);
  });

  it('renders only the entry whose data changed, and keeps only current citations in the cache', async () => {
    const cacheFile = join(temp.dir, 'change', 'cache.json');
    await renderCitations(sample, { cacheFile });
    const changed = sample.map((item, i) => (i === 2 ? { ...item, title: 'A Retitled Paper' } : item));
    const result = await renderCitations(changed, { cacheFile });
    expect([result.rendered, result.reused]).toEqual([1, 5]);
    expect(result.citations.get(sample[2]!.id)?.text).toContain('A Retitled Paper');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(Object.keys(cache).sort()).toEqual(changed.map(citationKey).sort());
  });

  it('ignores a corrupt cache file or entry and renders again', async () => {
    const cacheFile = join(temp.dir, 'corrupt.json');
    writeFileSync(cacheFile, '{ not json');
    expect((await renderCitations(sample, { cacheFile })).rendered).toBe(6);
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    cache[citationKey(sample[0])] = { text: 42 };
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect((await renderCitations(sample, { cacheFile })).rendered).toBe(1);
  });

  it('gives the same citations from worker threads as from one thread', async () => {
    const inline = await renderCitations(items, { threads: 1 });
    const parallel = await renderCitations(items, { threads: 2, workerThreshold: 1 });
    expect([...parallel.citations]).toEqual([...inline.citations]);
  });

  it('keys the cache by content: the same item, the same key; any change, another', () => {
    const item = sample[0]!;
    expect(citationKey({ ...item })).toBe(citationKey(item));
    expect(citationKey({ ...item, page: '1-2' })).not.toBe(citationKey(item));
  });
});
