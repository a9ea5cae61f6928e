import type { LinkInput } from '../types.js';

/**
 * A plain list: one URL per line; blank lines and lines starting with # are ignored. Every other line is
 * checked as written, so a malformed line is reported (invalid-url) rather than silently skipped.
 */
export function urlListInputs(text: string, file: string): LinkInput[] {
  const inputs: LinkInput[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const url = line.trim();
    if (url === '' || url.startsWith('#')) continue;
    inputs.push({ url, source: { file, line: i + 1, column: line.indexOf(url) + 1 } });
  }
  return inputs;
}
