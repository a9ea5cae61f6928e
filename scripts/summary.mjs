// Prints what `npm run build` produced: the dataset in numbers and the published files with their sizes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'packages/data/dist');
const bibliography = join(dist, 'bibliography.json');
if (!existsSync(bibliography)) {
  console.log('build finished; packages/data/dist/bibliography.json was not written');
  process.exit(0);
}
const data = JSON.parse(readFileSync(bibliography, 'utf8'));
const entries = data.entries;
const corrections = entries.reduce((n, e) => n + (e.provenance.corrections?.length ?? 0), 0);
const unverified = entries.filter((e) => e.unverified).length;
const withDoi = entries.filter((e) => e.doi).length;
const years = entries.map((e) => e.year).filter(Number.isInteger);
const kb = (file) => `${(statSync(join(dist, file)).size / 1024).toFixed(1)} kB`;

console.log('');
console.log(
  `virtbib ${data.version}: ${entries.length} entries, ${data.topics.length} topics, ${data.notes.length} note(s)`,
);
console.log(
  `  years ${Math.min(...years)}-${Math.max(...years)}; ${withDoi} with a DOI; ${corrections} corrections of the seed list recorded`,
);
console.log(`  ${unverified} entries carry fields marked unverified`);
for (const topic of data.topics) console.log(`  ${topic.id.padEnd(20)} ${topic.entries.length} entries`);
console.log('  files in packages/data/dist:');
for (const file of [
  'bibliography.json',
  'csl.json',
  'bibliography.bib',
  'bibliography.ris',
  'index.mjs',
  'index.cjs',
]) {
  if (existsSync(join(dist, file))) console.log(`    ${file.padEnd(20)} ${kb(file)}`);
}
