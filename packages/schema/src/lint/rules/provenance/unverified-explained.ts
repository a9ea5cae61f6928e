import type { EntryRule } from '../../rule.js';

export const unverifiedExplained: EntryRule = {
  code: 'unverified-explained',
  description:
    'Every `unverified` list says why in provenance.unverifiedReason, and a reason is not left behind without one.',
  fixable: false,
  scope: 'entry',
  fields: ['unverified', 'provenance'],
  check({ source, entry }, report) {
    const reason = entry.provenance.unverifiedReason;
    if (entry.unverified && !reason)
      report({
        at: { source, path: ['unverified'], target: 'key' },
        message: `${entry.unverified.join(', ')} ${entry.unverified.length === 1 ? 'is' : 'are'} marked unverified without a reason.`,
        hint: 'Settle the field against a primary record and remove it from `unverified`, or say in provenance.unverifiedReason what was checked and why it cannot be settled.',
      });
    else if (reason && !entry.unverified)
      report({
        at: { source, path: ['provenance', 'unverifiedReason'], target: 'key' },
        message: 'provenance.unverifiedReason explains an `unverified` list the entry no longer has.',
        hint: 'Remove provenance.unverifiedReason, or add the fields it is about to `unverified`.',
      });
  },
};
