import { type Diagnostic, summarize } from './diagnostic.js';

export type ReporterName = 'text' | 'json' | 'github';
export const REPORTERS: readonly ReporterName[] = ['text', 'json', 'github'];

export interface TextOptions {
  color?: boolean;
  /** Reads a file's text for the code frame; a reporter never touches the disk itself. */
  readText?: (file: string) => string | undefined;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Human report: location, severity, code, message, a code frame and the hint. */
export function formatText(diagnostics: readonly Diagnostic[], options: TextOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
    const sev = d.severity === 'error' ? paint(color, 31, 'error') : paint(color, 33, 'warning');
    out.push(`${paint(color, 1, where)} ${sev} ${paint(color, 2, d.code)} ${d.message}`);
    const text = d.line > 0 ? options.readText?.(d.file) : undefined;
    if (text !== undefined) out.push(...codeFrame(text, d.line, d.column));
    out.push(`  ${paint(color, 36, 'hint:')} ${d.hint}`, '');
  }
  const { errors, warnings } = summarize(diagnostics);
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
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

/** Machine report: the diagnostics as they are, with a summary. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify({ diagnostics, summary: summarize(diagnostics) }, null, 2)}\n`;
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
