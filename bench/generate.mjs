// Writes N synthetic but valid entries in the dataset layout (entries/, topics.yaml, notes/), for the
// benchmarks. Deterministic: the same N gives the same files, so runs are comparable.
//   node bench/generate.mjs <dir> <count>
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const FAMILIES = [
  'Barham',
  'Bugnion',
  'Clark',
  'Gupta',
  'Heiser',
  'Nair',
  'Popek',
  'Smith',
  'Waldspurger',
  'Wood',
];
const GIVEN = ['Ada', 'Brian', 'Carl', 'Dana', 'Eyal', 'Fay', 'Gita', 'Hugo'];
const WORDS = [
  'virtual',
  'machine',
  'memory',
  'scheduling',
  'migration',
  'isolation',
  'device',
  'network',
  'cloud',
];
const TOPICS = ['cpu', 'memory', 'network', 'device', 'migration'];

/** A deterministic pseudo-random sequence (mulberry32), so generated data is reproducible. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticEntry(i, rand = random(i + 1)) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const family = pick(FAMILIES);
  const year = 1970 + Math.floor(rand() * 55);
  const word = pick(WORDS);
  const id = `${family.toLowerCase()}${year}${word}-${i}`;
  const title = `${word[0].toUpperCase()}${word.slice(1)} ${pick(WORDS)} study number ${i}`;
  const authors = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, k) =>
    k === 0 ? { family, given: pick(GIVEN) } : { family: pick(FAMILIES), given: pick(GIVEN) },
  );
  const topic = TOPICS[i % TOPICS.length];
  const lines = [
    `id: ${id}`,
    'type: paper-conference',
    `title: ${title}`,
    'authors:',
    ...authors.flatMap((a) => [`  - family: ${a.family}`, `    given: ${a.given}`]),
    `year: ${year}`,
    `month: ${1 + (i % 12)}`,
    `containerTitle: Proceedings of the Synthetic Symposium ${year}`,
    `containerTitleShort: SYN '${String(year).slice(2)}`,
    `pages: ${1 + (i % 300)}-${15 + (i % 300)}`,
    'publisher: ACM',
    // 10.5555 is a placeholder prefix the lint rejects; 10.9999 is not assigned to a registrant.
    `doi: 10.9999/synthetic.${i}`,
    'urls:',
    `  landing: https://example.org/papers/${id}`,
    `topics: [${topic}]`,
    'annotation: >-',
    `  A synthetic entry for benchmarks: it has the shape of a real conference paper about ${word},`,
    '  with authors, a venue, pages, a DOI and a landing page.',
    'provenance:',
    '  source: contributed',
    `  verifiedWith: [https://dblp.org/rec/conf/synthetic/${i}]`,
  ];
  return { id, topic, text: `${lines.join('\n')}\n` };
}

export function generateDataset(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'entries'), { recursive: true });
  const byTopic = new Map(TOPICS.map((t) => [t, []]));
  for (let i = 0; i < count; i++) {
    const { id, topic, text } = syntheticEntry(i);
    writeFileSync(join(dir, 'entries', `${id}.yaml`), text);
    byTopic.get(topic).push(id);
  }
  const topics = ['topics:'];
  for (const [topic, ids] of byTopic) {
    topics.push(`  - id: ${topic}`, `    title: ${topic}`, `    description: Synthetic topic ${topic}.`);
    if (ids.length > 0) topics.push('    readingOrder:', ...ids.map((id) => `      - ${id}`));
  }
  writeFileSync(join(dir, 'topics.yaml'), `${topics.join('\n')}\n`);
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: node bench/generate.mjs <dir> <count>');
    process.exit(2);
  }
  generateDataset(dir, Number(count));
  console.log(`wrote ${count} entries to ${dir}`);
}
