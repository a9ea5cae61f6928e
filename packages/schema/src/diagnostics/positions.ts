import type { PendingFinding } from '../lint/waivers.js';
import { type SourceFile, textOf } from '../yaml/source.js';
import type { Diagnostic } from './diagnostic.js';
import { createLocator, type Locator } from './locate.js';

/** Turns findings' JSON paths into lines and columns: each file with findings is parsed once, for all of them. */
export function resolvePositions(pending: readonly PendingFinding[]): Diagnostic[] {
  const locators = new Map<SourceFile, Locator>();
  return pending.map(({ code, severity, report }) => {
    const at = report.at;
    let position: { line: number; column: number };
    if ('path' in at) {
      let locator = locators.get(at.source);
      if (!locator) {
        locator = createLocator(textOf(at.source));
        locators.set(at.source, locator);
      }
      position = locator(at.path, at.target);
    } else position = at;
    return {
      code,
      severity,
      file: at.source.file,
      line: position.line,
      column: position.column,
      message: report.message,
      hint: report.hint,
    };
  });
}
