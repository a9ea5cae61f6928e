/**
 * HTML that is escaped by construction. Every page is written with the `html` tag: each interpolated value
 * is escaped unless it is already `Html` (the output of another `html` template, or of `trusted()`, which
 * says in the code where markup is let through and why). The data is treated as hostile: a title may hold
 * `<script>`, a URL may be `javascript:`.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A fragment of markup that is safe to insert as it is. Only this module makes them. */
export class Html {
  readonly #markup: string;
  constructor(markup: string, key: symbol) {
    if (key !== MAKE) throw new TypeError('Html is made by the html tag or trusted(), never directly.');
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}
const MAKE = Symbol('make Html');

/** A value an `html` template accepts: text (escaped), numbers, markup, lists of these, or nothing. */
export type Interpolation = string | number | Html | null | undefined | false | readonly Interpolation[];

/** An attribute that takes a URL: the value must be a safe URL (see `isSafeUrl`), or the build stops. */
const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|xlink:href|poster|cite)=["']?$/i;

/** Relative URLs and http(s) and mailto ones: never javascript:, data:, vbscript: or anything unknown. */
export function isSafeUrl(url: string): boolean {
  // Read the scheme the way a browser does: tabs and newlines anywhere are dropped, and controls and
  // spaces at either end, so "java\tscript:" and " javascript:" are caught too.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the URL parser strips these, so must we
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === undefined) return !cleaned.includes(':') || /^[^:]*[/?#]/.test(cleaned);
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Thrown when a page puts an unsafe URL in a URL attribute: a bug in a page module, never data's fault. */
export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
}

function render(value: Interpolation, inUrlAttribute: boolean): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map((v) => render(v, inUrlAttribute)).join('');
  const text = String(value);
  if (inUrlAttribute && !isSafeUrl(text))
    throw new UnsafeUrlError(`refusing to write the URL ${JSON.stringify(text)} into a link`);
  return escapeHtml(text);
}

/** The tag: `html\`<a href="${url}">${title}</a>\``. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  // A template's strings are one object per call site: which holes are URL attributes is worked out once.
  let urlHoles = URL_HOLES.get(strings);
  if (!urlHoles) {
    urlHoles = strings.slice(0, -1).map((s) => URL_ATTRIBUTE.test(s));
    URL_HOLES.set(strings, urlHoles);
  }
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!, urlHoles[i]!) + strings[i + 1]!;
  return new Html(out, MAKE);
}
const URL_HOLES = new WeakMap<TemplateStringsArray, boolean[]>();

/**
 * Markup let through as it is. Every call site says why the markup is safe: it was made by this site's own
 * code (a chart rendered at build time) or cleaned by an allow-list (the APA citation).
 */
export function trusted(markup: string): Html {
  return new Html(markup, MAKE);
}
