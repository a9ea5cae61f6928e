import { describe, expect, it } from 'vitest';
import { citationHtml, decodeEntities } from '../src/html/citation.js';
import { escapeHtml, Html, html, isSafeUrl, trusted, UnsafeUrlError } from '../src/html/html.js';

describe('the html tag', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const title = '<script>alert("x")</script> & \'q\'';
    expect(String(html`<p title="${title}">${title}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>',
    );
  });

  it('inserts nested templates and trusted markup as they are, and lists item by item', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(String(html`<p>${inner}${trusted('<i>ok</i>')}${['<', html`<br>`]}</p>`)).toBe(
      '<p><b>a&lt;b</b><i>ok</i>&lt;<br></p>',
    );
  });

  it('writes nothing for null, undefined and false, and numbers as text', () => {
    expect(String(html`${null}${undefined}${false}${0}${12}`)).toBe('012');
  });

  it('refuses a javascript: URL in a URL attribute, however it is disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
    ]) {
      expect(isSafeUrl(url), url).toBe(false);
      expect(() => html`<a href="${url}">x</a>`, url).toThrow(UnsafeUrlError);
      expect(() => html`<img src='${url}'>`, url).toThrow(UnsafeUrlError);
    }
  });

  it('accepts http(s), mailto and relative URLs in URL attributes', () => {
    for (const url of [
      'https://example.org/a?b=1&c=2',
      'http://x',
      'mailto:a@b.c',
      '../entries/a.html',
      '#top',
      'a/b:c',
    ])
      expect(isSafeUrl(url), url).toBe(true);
    expect(String(html`<a href="${'https://e.org/?a=1&b="2"'}">x</a>`)).toBe(
      '<a href="https://e.org/?a=1&amp;b=&quot;2&quot;">x</a>',
    );
  });

  it('does not treat text that merely mentions href= as a URL attribute', () => {
    expect(String(html`<p>write href= then ${'javascript:'}</p>`)).toBe(
      '<p>write href= then javascript:</p>',
    );
  });

  it('cannot be forged: Html is made only by the tag and trusted()', () => {
    expect(
      () => new (Html as unknown as new (m: string, k: symbol) => Html)('<x>', Symbol('make Html')),
    ).toThrow(TypeError);
  });

  it('escapes the five characters HTML gives a meaning to', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('APA citation HTML', () => {
  it('keeps italics and http(s) links, and the text as it reads', () => {
    const fragment =
      'Abel, A., &#38; Tanaka, B. (2001). Quasar. <i>Proc. FSOS</i>, 10–22. <a href="https://doi.org/10.5555/x">https://doi.org/10.5555/x</a>';
    expect(String(citationHtml(fragment))).toBe(
      'Abel, A., &amp; Tanaka, B. (2001). Quasar. <i>Proc. FSOS</i>, 10–22. <a href="https://doi.org/10.5555/x">https://doi.org/10.5555/x</a>',
    );
  });

  it('shows any other tag as text, and a link to anything but http(s) as plain text', () => {
    expect(String(citationHtml('<script>alert(1)</script><img src=x onerror=alert(1)>'))).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(String(citationHtml('<a href="javascript:alert(1)">x</a>'))).toBe('<span>x</span>');
    expect(String(citationHtml('<i onclick="alert(1)">x</i>'))).toBe('<i>x</i>');
  });

  it('cannot be tricked by entities or by quotes that break the attribute', () => {
    expect(String(citationHtml('&#60;script&#62;x&lt;/script&gt;'))).toBe('&lt;script&gt;x&lt;/script&gt;');
    // What citation-js writes for a DOI with quotes: the tag does not parse, so it is shown as text.
    const broken = '<a href="https://doi.org/10.5555/"quoted"&#60;doi&#62;">link</a>';
    const out = String(citationHtml(broken));
    expect(out).not.toContain('<a');
    expect(out).toContain(
      '&lt;a href=&quot;https://doi.org/10.5555/&quot;quoted&quot;&lt;doi&gt;&quot;&gt;link&lt;/a&gt;',
    );
  });

  it('closes what it opened and ignores closing tags it did not open', () => {
    expect(String(citationHtml('<i>open <b>both'))).toBe('<i>open <b>both</b></i>');
    expect(String(citationHtml('x</i></a>'))).toBe('x&lt;/i&gt;&lt;/a&gt;');
  });

  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeEntities('&amp;&#38;&#x26;&lt;&unknown;&#0;')).toBe('&&&<&unknown;&#0;');
  });
});
