import type { Severity } from '../diagnostic.js';
import type { SourceFile } from '../source.js';
import type { Dataset, Report } from './rule.js';

/** A finding on its way to becoming a diagnostic, as validate collects them. */
export interface PendingFinding {
  code: string;
  severity: Severity;
  report: Report;
}

export const WAIVER_CODE = 'waiver-unused';

/**
 * Drops the warnings an entry waives in `provenance.waivers` (each waiver names a rule and says why), and
 * reports every waiver that waived nothing: a stale waiver would otherwise hide the next real warning of
 * its rule. Errors cannot be waived. Waivers of rules that did not run (`--only`) are not judged.
 */
export function applyWaivers(
  dataset: Dataset,
  pending: readonly PendingFinding[],
  rules: ReadonlyMap<string, Severity>,
  ran: (code: string) => boolean,
): PendingFinding[] {
  const waiversBySource = new Map<SourceFile, { rule: string; used: boolean }[]>();
  for (const { source, entry, valid } of dataset.entries) {
    const waivers = valid ? entry.provenance.waivers : undefined;
    if (waivers)
      waiversBySource.set(
        source,
        waivers.map(({ rule }) => ({ rule, used: false })),
      );
  }
  if (waiversBySource.size === 0) return [...pending];

  const kept = pending.filter((finding) => {
    if (finding.severity !== 'warning') return true;
    const waiver = waiversBySource.get(finding.report.at.source)?.find((w) => w.rule === finding.code);
    if (!waiver) return true;
    waiver.used = true;
    return false;
  });

  for (const { source, entry } of dataset.entries) {
    const waivers = waiversBySource.get(source);
    if (!waivers) continue;
    waivers.forEach(({ rule, used }, i) => {
      const severity = rules.get(rule);
      const at: Report['at'] = { source, path: ['provenance', 'waivers', i, 'rule'] };
      if (severity === undefined)
        kept.push(
          stale(
            at,
            `The waiver names "${rule}", which is not a lint rule.`,
            'Use the code of a warning-level rule (see the schema README), or remove the waiver.',
          ),
        );
      else if (severity === 'error')
        kept.push(
          stale(
            at,
            `"${rule}" is an error-level rule: errors cannot be waived.`,
            'Fix the finding instead, and remove the waiver.',
          ),
        );
      else if (ran(rule) && !used)
        kept.push(
          stale(
            at,
            `The waiver of "${rule}" matches no warning: ${entry.id} no longer needs it.`,
            'Remove the waiver, so the next real warning of this rule is seen.',
          ),
        );
    });
  }
  return kept;
}

function stale(at: Report['at'], message: string, hint: string): PendingFinding {
  return { code: WAIVER_CODE, severity: 'error', report: { at, message, hint } };
}
