import type { LinkReport } from '../report.js';

/** The report as JSON: documented in the README, read back by `virtbib merge-reports`. */
export function formatJson(report: LinkReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
