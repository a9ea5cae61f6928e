/**
 * Text from elsewhere — registry metadata, server headers, error messages quoting a file, URLs as
 * written — made safe to print on one line of a terminal or a CI log. Line breaks of every kind (which
 * would forge lines, e.g. a fake `::error` annotation) become spaces; other control characters (terminal
 * escape sequences, bidirectional overrides that reorder what is shown) become visible `\u{..}` escapes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const BREAKS = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/g;
const CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0008\u000e-\u001b\u001f\u007f-\u0084\u0086-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\t]/g;

export function printable(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROLS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
