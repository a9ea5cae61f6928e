/**
 * TEMPORARY SHIM, to be deleted when @virtbib/data exports toBibTeX, toRIS, toCSL and cite (issue 11).
 *
 * Gives the site the same strings those functions will give, taken from the published files: each
 * entry's record of bibliography.bib and bibliography.ris, its item of csl.json, and its APA citation
 * from bibliography.json. It is the only place in the site that knows the files' record syntax; the rest
 * of the site calls the functions, so that swapping in the package's own is an import change here.
 */
import type { Dataset } from '@virtbib/data';
import type { Citations } from './citations.js';

type Ids = string | readonly string[];

/** bibliography.bib: `@type{key,` opens a record, a line holding only `}` closes it. */
const BIBTEX_RECORD = /^@[a-z]+\{([^,\n]+),\n[\s\S]*?\n\}\n/gim;
/** bibliography.ris: from `TY  - ` to `ER  - `, CRLF line ends; the `ID` tag is the entry ID. */
const RIS_RECORD = /^TY {2}- [\s\S]*?\r\nER {2}- ?\r\n/gm;
const RIS_ID = /\r\nID {2}- ([^\r\n]*)\r\n/;

export interface PublishedFiles {
  bibtex: string;
  ris: string;
  /** csl.json, parsed. */
  csl: readonly { id: string }[];
}

function recordsBy(text: string, pattern: RegExp, key: (record: string, match: RegExpMatchArray) => string) {
  const byId = new Map<string, string>();
  for (const match of text.matchAll(pattern)) byId.set(key(match[0], match), match[0]);
  return byId;
}

export function shimCitations(dataset: Dataset, files: PublishedFiles): Citations {
  const bibtex = recordsBy(files.bibtex, BIBTEX_RECORD, (_, m) => m[1]!);
  const ris = recordsBy(files.ris, RIS_RECORD, (record) => RIS_ID.exec(record)?.[1] ?? '');
  const csl = new Map(files.csl.map((item) => [item.id, item]));
  const entries = new Map(dataset.entries.map((entry) => [entry.id, entry]));

  const list = (ids: Ids) => (typeof ids === 'string' ? [ids] : ids);
  const pick = <T>(from: Map<string, T>, ids: Ids, what: string): T[] =>
    list(ids).map((id) => {
      const found = from.get(id);
      if (found === undefined) throw new RangeError(`No entry "${id}" in the ${what} of @virtbib/data.`);
      return found;
    });

  return {
    toBibTeX: (ids) => pick(bibtex, ids, 'BibTeX').join('\n'),
    // Each RIS record ends with a blank line, as in the file.
    toRIS: (ids) =>
      pick(ris, ids, 'RIS')
        .map((record) => `${record}\r\n`)
        .join(''),
    toCSL: (ids) => `${JSON.stringify(pick(csl, ids, 'CSL-JSON'), null, 2)}\n`,
    cite: (id) => {
      const [entry] = pick(entries, id, 'entries');
      const apa = entry!.citations?.apa;
      if (!apa) throw new RangeError(`Entry "${id}" has no APA citation in @virtbib/data.`);
      return apa;
    },
  };
}
