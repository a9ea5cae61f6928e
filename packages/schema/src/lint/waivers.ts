import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../yaml/source.js';
import type { Report } from './rule.js';

/** A finding on its way to becoming a diagnostic, as validate collects them. */
export interface PendingFinding {
  code: string;
  severity: Severity;
  report: Report;
}

export const WAIVER_CODE = 'waiver-unused';

/** The waivers of one entry: the rule each names, by position in provenance.waivers. */
export interface EntryWaivers {
  source: SourceFile;
  id: string;
  rules: readonly string[];
}

/**
 * Drops the warnings an entry waives in `provenance.waivers` (each waiver names a rule and says why), and
 * reports every waiver that waived nothing: a stale waiver would otherwise hide the next real warning of
 * its rule. Errors cannot be waived. Waivers of rules that did not run (`--only`) are not judged.
 */
export function applyWaivers(
  diagnostics: readonly Diagnostic[],
  entries: readonly EntryWaivers[],
  rules: ReadonlyMap<string, Severity>,
  ran: (code: string) => boolean,
): { kept: Diagnostic[]; stale: PendingFinding[] } {
  if (entries.length === 0) return { kept: [...diagnostics], stale: [] };
  const byFile = new Map(entries.map((e) => [e.source.file, { ...e, used: e.rules.map(() => false) }]));
  const kept = diagnostics.filter((d) => {
    if (d.severity !== 'warning') return true;
    const waived = byFile.get(d.file);
    const i = waived?.rules.indexOf(d.code) ?? -1;
    if (i === -1) return true;
    waived!.used[i] = true;
    return false;
  });

  const stale: PendingFinding[] = [];
  for (const { source, id, rules: waivedRules, used } of byFile.values()) {
    waivedRules.forEach((rule, i) => {
      const severity = rules.get(rule);
      const at: Report['at'] = { source, path: ['provenance', 'waivers', i, 'rule'] };
      if (severity === undefined)
        stale.push(
          finding(
            at,
            `The waiver names "${rule}", which is not a lint rule.`,
            'Use the code of a warning-level rule (see the schema README), or remove the waiver.',
          ),
        );
      else if (severity === 'error')
        stale.push(
          finding(
            at,
            `"${rule}" is an error-level rule: errors cannot be waived.`,
            'Fix the finding instead, and remove the waiver.',
          ),
        );
      else if (ran(rule) && !used[i])
        stale.push(
          finding(
            at,
            `The waiver of "${rule}" matches no warning: ${id} no longer needs it.`,
            'Remove the waiver, so the next real warning of this rule is seen.',
          ),
        );
    });
  }
  return { kept, stale };
}

function finding(at: Report['at'], message: string, hint: string): PendingFinding {
  return { code: WAIVER_CODE, severity: 'error', report: { at, message, hint } };
}
