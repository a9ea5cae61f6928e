// The published text files, assembled from the same record writers the module's functions use
// (formats/index.mjs): the whole bibliography in each format, and one file per topic and format.
import { FORMATS } from './formats/index.mjs';

/** Topic IDs become file names: only what the schema's topic ID pattern allows, never a path. */
const FILE_NAME_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Every text file of dist/, by path relative to it. Each entry's record in each format is written once; the
 * whole-bibliography files and the topic files are joins of those records.
 * @param {{ version: string, entries: object[], topics: { id: string, entries: string[] }[] }} dataset the
 *   published document
 */
export function textFiles(dataset) {
  const { version } = dataset;
  const records = Object.fromEntries(
    Object.entries(FORMATS).map(([name, format]) => [
      name,
      new Map(dataset.entries.map((entry) => [entry.id, format.record(entry)])),
    ]),
  );
  const text = (name, ids) => FORMATS[name].join(ids.map((id) => records[name].get(id)));
  const all = dataset.entries.map((entry) => entry.id);
  const files = {
    'bibliography.bib': `${bibtexHeader(`virtbib bibliography, data version ${version}.`)}\n${text('bibtex', all)}`,
    'bibliography.biblatex.bib': `${biblatexHeader(version)}\n${text('biblatex', all)}`,
    'bibliography.ris': text('ris', all),
    'csl.json': text('csl', all),
  };
  for (const topic of dataset.topics) {
    if (!FILE_NAME_ID.test(topic.id)) {
      throw new Error(`Cannot name a file after the topic ID ${JSON.stringify(topic.id)}.`);
    }
    const header = bibtexHeader(`virtbib topic ${topic.id}, in reading order, data version ${version}.`);
    files[`topics/${topic.id}.bib`] = `${header}\n${text('bibtex', topic.entries)}`;
    files[`topics/${topic.id}.ris`] = text('ris', topic.entries);
    files[`topics/${topic.id}.json`] = text('csl', topic.entries);
  }
  return files;
}

function bibtexHeader(title) {
  return comment(
    `${title} Keys are entry IDs.\n` +
      'Web pages use \\url in howpublished: load the url or hyperref package.\n',
  );
}

function biblatexHeader(version) {
  return comment(
    `virtbib bibliography for biblatex with biber, data version ${version}. Keys are entry IDs.\n` +
      'UTF-8; topics are keywords: \\printbibliography[keyword=memory].\n',
  );
}

/** Comment lines. No at-sign, not even in a comment: BibTeX reads one as the start of an entry. */
function comment(text) {
  if (text.includes('@')) throw new Error(`A BibTeX comment must not contain an at-sign: ${text}`);
  return text.replace(/^/gm, '% ').replace(/% $/, '');
}
