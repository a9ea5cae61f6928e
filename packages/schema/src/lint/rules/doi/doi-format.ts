import type { Scalar, YAMLSeq } from 'yaml';
import { normalizeDoi } from '../../../doi.js';
import type { EntryRule } from '../../rule.js';

/**
 * A DOI: `10.`, a registrant code (digits, possibly subdivided by dots), a slash and a suffix. The DOI
 * Handbook allows any printable Unicode character in the suffix; this pattern also refuses `"`, `<` and `>`
 * (with them a DOI breaks out of an HTML attribute or tag wherever it is rendered) along with whitespace,
 * separators, control and format characters. Real DOIs keep their suffixes free of these, except old
 * SICI-style ones with angle brackets, which cannot be carried here.
 */
export const DOI_PATTERN = /^10\.\d{4,9}(?:\.\d+)*\/[^\s"<>\p{C}\p{Z}]+$/u;

export const doiFormat: EntryRule = {
  code: 'doi-format',
  description: 'DOIs are well-formed and normalized: lowercase, without a resolver prefix.',
  fixable: true,
  scope: 'entry',
  fields: ['doi', 'alternateDois'],
  check({ source, entry }, report) {
    const dois: [string, (string | number)[]][] = [];
    if (entry.doi) dois.push([entry.doi, ['doi']]);
    entry.alternateDois?.forEach((doi, i) => {
      dois.push([doi, ['alternateDois', i]]);
    });
    for (const [doi, path] of dois) {
      const normalized = normalizeDoi(doi);
      if (!DOI_PATTERN.test(normalized)) {
        report({
          at: { source, path },
          message: `"${doi}" is not a DOI.`,
          hint: 'A DOI looks like 10.1145/945445.945462; remove the field rather than guess one.',
        });
      } else if (normalized !== doi) {
        report({
          at: { source, path },
          message: `DOI "${doi}" is not normalized; expected "${normalized}".`,
          hint: 'Run `virtbib validate --fix` (or write it lowercase without https://doi.org/).',
          fix: (doc) => {
            const node = doc.getIn(path, true) as Scalar | undefined;
            if (node) node.value = normalized;
            else (doc.getIn(path.slice(0, -1), true) as YAMLSeq | undefined)?.set(path.at(-1), normalized);
          },
        });
      }
    }
  },
};
