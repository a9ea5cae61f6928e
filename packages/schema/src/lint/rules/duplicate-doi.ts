import { type Rule, validEntries } from '../rule.js';

export const duplicateDoi: Rule = {
  code: 'duplicate-doi',
  description: 'No DOI (primary or alternate) belongs to two entries.',
  fixable: false,
  check(dataset, report) {
    const owner = new Map<string, string>();
    for (const { source, entry } of validEntries(dataset)) {
      const dois: [string, (string | number)[]][] = entry.doi ? [[entry.doi, ['doi']]] : [];
      entry.alternateDois?.forEach((doi, i) => {
        dois.push([doi, ['alternateDois', i]]);
      });
      for (const [doi, path] of dois) {
        const key = doi.toLowerCase();
        const other = owner.get(key);
        if (other === undefined) owner.set(key, entry.id);
        else if (other !== entry.id)
          report({
            at: { source, path },
            message: `DOI ${doi} is already the DOI of entry "${other}".`,
            hint: 'One work, one entry: merge the two, or fix the DOI that points at the wrong work.',
          });
      }
    }
  },
};
