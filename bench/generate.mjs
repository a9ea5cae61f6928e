// Writes N synthetic, valid entries in the dataset layout (entries/, topics.yaml, notes/) for the
// benchmarks, shaped like the real ones in packages/data: about 1.9 KB and 45 lines each, five authors on
// average (up to thirty), quoted titles with colons, venue names long enough to fold onto a second line, a
// folded (>-) annotation of about 580 characters, topics as a flow list, provenance with several
// verifiedWith URLs, some corrections with a folded `evidence`, `unverified` with its reason, related
// entries stated on both sides, ISBNs, DOIs, pages and dates. The text is written in the canonical layout
// that `virtbib fmt` writes (bench/validate.bench.mjs checks that fmt would leave a sample unchanged);
// writing it directly keeps generating 100k entries to seconds. Deterministic: the same N gives the same
// files, so runs are comparable.
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
  'de Kruijf',
  'Cauich Zermeno',
  'Agesen',
  'Adams',
  'Dall',
  'Nieh',
];
const GIVEN = [
  'Ada',
  'Brian',
  'Carl',
  'Dana',
  'Eyal',
  'Fay',
  'Gita',
  'Hugo',
  'James Alexander',
  'Timothy L.',
];
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
  'hypervisor',
  'paging',
  'interrupt',
  'storage',
  'container',
  'kernel',
  'trusted',
];
const TOPICS = ['cpu', 'memory', 'network', 'device', 'migration', 'security', 'cloud', 'mobile'];
const VENUES = [
  ['Proceedings of the Nineteenth ACM Symposium on Operating Systems Principles', 'SOSP'],
  [
    'Proceedings of the 12th International Conference on Architectural Support for Programming Languages and Operating Systems',
    'ASPLOS',
  ],
  ['15th USENIX Symposium on Networked Systems Design and Implementation', 'NSDI'],
  ['2012 USENIX Annual Technical Conference', 'USENIX ATC'],
];
const SENTENCE = [
  'The paper shows how a hypervisor can share one server among many isolated guests with small overhead,',
  'and it measures the cost of each design choice on realistic workloads rather than microbenchmarks.',
  'Its account of the memory and I/O paths explains why later systems moved work into hardware,',
  'while keeping the control plane in software where it can change quickly.',
  'Read it next to the systems it compares itself with: the trade-offs are the same, only the answers differ.',
];

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

/** The index as words, so that titles are unique without looking like serial numbers. */
function wordsOf(i) {
  const out = [];
  let n = i;
  do {
    out.push(WORDS[n % WORDS.length]);
    n = Math.floor(n / WORDS.length);
  } while (n > 0);
  return out.join(' ');
}

function isbn13(i) {
  const digits = `978${String(1000000000 + (i % 899999999)).slice(0, 9)}`;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += Number(digits[k]) * (k % 2 === 0 ? 1 : 3);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** Entries are paired as conference and journal versions of one work (both sides state the relation). */
const PAIRED = 7;

export function entryId(i) {
  const rand = random(i + 1);
  const family = FAMILIES[Math.floor(rand() * FAMILIES.length)];
  const year = 1970 + Math.floor(rand() * 55);
  return `${family.toLowerCase().replace(/[^a-z]/g, '')}${year}${WORDS[i % WORDS.length]}-${i}`;
}

export function syntheticEntry(i, count = Number.POSITIVE_INFINITY) {
  const rand = random(i + 1);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const family = pick(FAMILIES);
  const year = 1970 + Math.floor(rand() * 55);
  const id = entryId(i);
  const topic = TOPICS[i % TOPICS.length];
  const [venue, short] = pick(VENUES);
  const authorCount = rand() < 0.05 ? 12 + Math.floor(rand() * 20) : 1 + Math.floor(rand() * 7);
  const title = `${wordsOf(i)}: a study of ${pick(WORDS)} ${pick(WORDS)} for ${pick(WORDS)} systems`;
  const entry = {
    id,
    type: i % 5 === 4 ? 'article-journal' : 'paper-conference',
    title: title[0].toUpperCase() + title.slice(1),
    authors: Array.from({ length: authorCount }, (_, k) =>
      k === 0 ? { family, given: pick(GIVEN) } : { family: pick(FAMILIES), given: pick(GIVEN) },
    ),
    year,
    month: 1 + (i % 12),
    containerTitle: venue,
    containerTitleShort: `${short} '${String(year).slice(2)}`,
    ...(i % 2 === 0 && { pages: `${1 + (i % 300)}-${15 + (i % 300)}` }),
    publisher: i % 3 === 0 ? 'USENIX Association' : 'ACM',
    ...(i % 2 === 1 && { eventPlace: 'Bolton Landing, NY, USA' }),
    // Every entry has a DOI, as in the sets the data package tests build from this generator.
    doi: `10.9999/synthetic.${i}`,
    ...(i % 6 === 1 && { isbn: isbn13(i) }),
    urls: {
      landing: `https://www.usenix.org/conference/synthetic/presentation/${id}`,
      ...(i % 3 === 1 && { open: `https://example.org/papers/${id}.pdf` }),
    },
    topics: [topic],
    annotation: Array.from({ length: 5 }, (_, k) => SENTENCE[(i + k) % SENTENCE.length]).join(' '),
    ...relatedOf(i, count),
    provenance: {
      source: 'contributed',
      ...(i % 3 !== 2 && { seedText: `${family} et al.: ${wordsOf(i)} (${short} ${year})` }),
      verifiedWith: [
        `https://dblp.org/rec/conf/synthetic/${id}`,
        `https://www.usenix.org/conference/synthetic/presentation/${id}`,
        `https://research.example.org/pubs/${wordsOf(i).replaceAll(' ', '-')}-${id}/`,
      ],
      ...(i % 3 === 1 && {
        corrections: [
          {
            field: 'authors',
            was: `${authorCount - 1} authors as listed by an aggregator (${family}, ..., and others)`,
            now: `${authorCount} authors with full names, ${family} first`,
            evidence:
              "The venue's presentation page and the paper's own author line list every author with full names; the aggregator dropped one.",
          },
        ],
      }),
      ...(i % 4 === 0 && {
        unverifiedReason: 'The page range is printed only in the proceedings, which no library here holds.',
      }),
    },
    ...(i % 4 === 0 && { unverified: ['pages'] }),
    added: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  };
  return { id, topic, text: emit(entry) };
}

// The canonical layout, for the shapes generated here: two-space indentation, block sequences with their
// dash indented, `topics` as a flow list, long prose folded (>-) at 100 columns, long plain values folded
// onto continuation lines, and values that YAML would misread double-quoted.
const WIDTH = 100;
const FOLDED = new Set(['annotation', 'evidence', 'unverifiedReason']);
const FLOW = new Set(['topics', 'unverified']);

function emit(value) {
  const lines = [];
  emitMapping(value, 0, lines, '');
  return `${lines.join('\n')}\n`;
}

function emitMapping(map, indent, lines, firstPrefix) {
  let prefix = firstPrefix;
  for (const [key, value] of Object.entries(map)) {
    const head = `${prefix || ' '.repeat(indent)}${key}:`;
    prefix = '';
    if (Array.isArray(value) && FLOW.has(key)) lines.push(`${head} [${value.join(', ')}]`);
    else if (Array.isArray(value)) {
      lines.push(head);
      for (const item of value) {
        if (typeof item === 'object') emitMapping(item, indent + 4, lines, `${' '.repeat(indent + 2)}- `);
        else lines.push(`${' '.repeat(indent + 2)}- ${scalar(item)}`);
      }
    } else if (typeof value === 'object') {
      lines.push(head);
      emitMapping(value, indent + 2, lines, '');
    } else if (typeof value === 'string' && FOLDED.has(key) && head.length + value.length + 1 > WIDTH) {
      lines.push(`${head} >-`, ...wrap(value, indent + 2));
    } else if (typeof value === 'string' && isPlain(value) && head.length + value.length + 1 > WIDTH) {
      const [first, ...rest] = wrap(value, indent + 2, WIDTH - head.length - 1);
      lines.push(`${head} ${first.trimStart()}`, ...rest);
    } else lines.push(`${head} ${scalar(value)}`);
  }
}

function wrap(text, indent, firstWidth = WIDTH - indent) {
  const out = [];
  let line = '';
  let width = firstWidth;
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(' '.repeat(indent) + line);
      line = word;
      width = WIDTH - indent;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(' '.repeat(indent) + line);
  return out;
}

/** A string YAML reads back as that string when written plain: no indicator first, no ": " or " #". */
function isPlain(s) {
  return (
    /^[A-Za-z0-9(]/.test(s) &&
    !/: | #|:$|\s$|[\n"\\]/.test(s) &&
    !/^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(s) &&
    !/^(?:true|false|null|~)$/i.test(s)
  );
}

function scalar(value) {
  if (typeof value !== 'string' || isPlain(value)) return String(value);
  return JSON.stringify(value);
}

function relatedOf(i, count) {
  // Entries PAIRED*k and PAIRED*k+1 are the conference and journal versions of one work.
  if (i % PAIRED === 0 && i + 1 < count)
    return { related: [{ id: entryId(i + 1), relation: 'journal-version' }] };
  if (i % PAIRED === 1) return { related: [{ id: entryId(i - 1), relation: 'conference-version' }] };
  return {};
}

function emitTopics({ topics }) {
  const lines = ['topics:'];
  for (const { id, title, description, readingOrder } of topics) {
    lines.push(`  - id: ${id}`, `    title: ${title}`, `    description: ${description}`);
    if (readingOrder) lines.push('    readingOrder:', ...readingOrder.map((entry) => `      - ${entry}`));
  }
  return `${lines.join('\n')}\n`;
}

export function generateDataset(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'entries'), { recursive: true });
  const byTopic = new Map(TOPICS.map((t) => [t, []]));
  for (let i = 0; i < count; i++) {
    const { id, topic, text } = syntheticEntry(i, count);
    writeFileSync(join(dir, 'entries', `${id}.yaml`), text);
    byTopic.get(topic).push(id);
  }
  const topics = {
    topics: [...byTopic].map(([id, ids]) => ({
      id,
      title: id,
      description: `Synthetic topic ${id}.`,
      ...(ids.length > 0 && { readingOrder: ids }),
    })),
  };
  writeFileSync(join(dir, 'topics.yaml'), emitTopics(topics));
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
