/** A finding is data; turning it into words for a terminal, JSON or CI annotations is a reporter's job. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable rule code, documented in packages/schema/README.md. */
  code: string;
  severity: Severity;
  /** Path relative to the dataset root, with forward slashes. */
  file: string;
  /** 1-based; 0 when the finding is about the file as a whole. */
  line: number;
  /** 1-based; 0 when the finding is about the file as a whole. */
  column: number;
  message: string;
  /** The next step: what to change to make the finding go away. */
  hint: string;
}

/** A reference a cross-file rule did not judge, because the entry it names has errors of its own. */
export interface NotChecked {
  /** The rule that skipped it. */
  code: string;
  /** Where the reference is (relative to the dataset root), 1-based. */
  file: string;
  line: number;
  column: number;
  /** The entry ID referred to, and the file whose errors stopped the check. */
  id: string;
  because: string;
}

export function compareDiagnostics(
  a: Pick<Diagnostic, 'file' | 'line' | 'column' | 'code'>,
  b: Pick<Diagnostic, 'file' | 'line' | 'column' | 'code'>,
): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || cmp(a.code, b.code);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summarize(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
