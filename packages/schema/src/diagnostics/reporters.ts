import { relative, sep } from 'node:path';
import { type Diagnostic, type NotChecked, summarize } from './diagnostic.js';

export type ReporterName = 'text' | 'json' | 'github';
export const REPORTERS: readonly ReporterName[] = ['text', 'json', 'github'];

export interface TextOptions {
  color?: boolean;
  /**
   * Put before each file (see `displayPrefix`), so that paths are shown from where the command runs and open
   * and click from there; `readText` still receives the path relative to the dataset.
   */
  pathPrefix?: string;
  /** References that were not checked, summed up in one note before the totals. */
  notChecked?: readonly NotChecked[];
  /** Reads a file's text for the code frame; a reporter never touches the disk itself. */
  readText?: (file: string) => string | undefined;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Human report: location, severity, code, message, a code frame and the hint. */
export function formatText(diagnostics: readonly Diagnostic[], options: TextOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  for (const d of diagnostics) {
    const file = (options.pathPrefix ?? '') + d.file;
    const where = d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
    const sev = d.severity === 'error' ? paint(color, 31, 'error') : paint(color, 33, 'warning');
    out.push(`${paint(color, 1, where)} ${sev} ${paint(color, 2, d.code)} ${d.message}`);
    const text = d.line > 0 ? options.readText?.(d.file) : undefined;
    if (text !== undefined) out.push(...codeFrame(text, d.line, d.column));
    out.push(`  ${paint(color, 36, 'hint:')} ${d.hint}`, '');
  }
  if (options.notChecked?.length) out.push(notCheckedNote(options.notChecked, options.pathPrefix ?? ''), '');
  const { errors, warnings } = summarize(diagnostics);
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}

/** One line for every skipped reference: how many, and the first few with the entry each names. */
function notCheckedNote(skipped: readonly NotChecked[], prefix: string): string {
  const shown = skipped
    .slice(0, 5)
    .map((s) => `${prefix}${s.file}:${s.line}:${s.column} (${s.id})`)
    .join(', ');
  const more = skipped.length > 5 ? ` and ${skipped.length - 5} more` : '';
  const n = skipped.length;
  return `not checked: ${n} reference${n === 1 ? '' : 's'} to entries with errors of their own: ${shown}${more}.`;
}

function codeFrame(text: string, line: number, column: number): string[] {
  const lines = text.split('\n');
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const content = (lines[n - 1] ?? '').replace(/\t/g, '→');
    frame.push(`  ${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${content}`);
    if (n === line) frame.push(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return frame;
}

/**
 * Machine report: the diagnostics as they are, the references not checked, and a summary. With a prefix,
 * each also gets `path`, the file as seen from where the command ran (`file` stays relative to the dataset).
 */
export function formatJson(
  diagnostics: readonly Diagnostic[],
  options: { pathPrefix?: string; notChecked?: readonly NotChecked[] } = {},
): string {
  const { pathPrefix, notChecked } = options;
  const withPath = <T extends { file: string }>(list: readonly T[]) =>
    pathPrefix === undefined ? list : list.map((d) => ({ ...d, path: pathPrefix + d.file }));
  const report = {
    diagnostics: withPath(diagnostics),
    ...(notChecked?.length && { notChecked: withPath(notChecked) }),
    summary: summarize(diagnostics),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What to put before a dataset-relative file so that it reads from `cwd`: `packages/data/`, `../data/` or nothing. */
export function displayPrefix(cwd: string, dir: string): string {
  const rel = relative(cwd, dir);
  return rel ? `${rel.split(sep).join('/')}/` : '';
}

/** GitHub Actions workflow commands, which GitHub shows as annotations on the file and line. */
export function formatGithub(diagnostics: readonly Diagnostic[], pathPrefix = ''): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return diagnostics
    .map((d) => {
      const props = [`file=${escapeProp(pathPrefix + d.file)}`];
      if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
      props.push(`title=${escapeProp(d.code)}`);
      return `::${d.severity} ${props.join(',')}::${escapeData(`${d.message} Hint: ${d.hint}`)}\n`;
    })
    .join('');
}
