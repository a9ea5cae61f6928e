import type { FileKind } from '../../../checking/schema-order.js';
import { findOrderProblem } from '../../../yaml/format.js';
import type { SourceFile } from '../../../yaml/source.js';
import type { FileRule, Report } from '../../rule.js';

function checkFile(kind: FileKind, source: SourceFile, data: unknown, report: (finding: Report) => void) {
  // Every fix is written through the formatter, so repairing the layout needs no edit of its own.
  const fix = () => {};
  const order = findOrderProblem(kind, data);
  if (order)
    report({
      at: { source, path: order.path, target: 'key' },
      message: `Key "${String(order.path.at(-1))}" should come before "${order.expectedBefore}".`,
      hint: 'Run `virtbib fmt` to put keys in the canonical order (comments are kept).',
      fix,
    });
  const layout = source.layout;
  if (layout)
    report({
      at: { source, line: layout.line, column: layout.column },
      message: `Not in the canonical layout: ${layout.message}.`,
      hint: 'Run `virtbib fmt` to rewrite the file in the canonical layout.',
      fix,
    });
}

export const canonicalFormat: FileRule = {
  code: 'canonical-format',
  description: 'Files use the canonical layout and key order that `virtbib fmt` writes.',
  fixable: true,
  scope: 'file',
  check({ kind, source, data }, report) {
    checkFile(kind, source, data, report);
  },
};
