import type { EntryRule } from '../../rule.js';

/** Lowercase ASCII words joined by hyphens: safe as a BibTeX key, a file name and a URL fragment. */
export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const ID_MAX_LENGTH = 64;

export const idFormat: EntryRule = {
  code: 'id-format',
  description:
    'IDs are lowercase ASCII letters and digits, optionally joined by hyphens, at most 64 characters.',
  fixable: false,
  scope: 'entry',
  fields: ['id'],
  check({ source, entry }, report) {
    if (!ID_PATTERN.test(entry.id) || entry.id.length > ID_MAX_LENGTH)
      report({
        at: { source, path: ['id'] },
        message: `ID "${entry.id}" is not a valid citation key.`,
        hint: 'Use familyname + year + first title word, lowercase ASCII, e.g. "barham2003xen" or "bugnion1997disco-tocs".',
      });
  },
};
