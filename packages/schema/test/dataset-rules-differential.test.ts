import { describe, expect, it } from 'vitest';
import { normalizeDoi } from '../src/doi.js';
import {
  buildIndex,
  type DatasetIndex,
  type EntryDigest,
  type FileDigest,
  has,
} from '../src/lint/dataset-index.js';
import { rules } from '../src/lint/index.js';
import type { Location, Report } from '../src/lint/rule.js';
import type { SourceFile } from '../src/yaml/source.js';
import { seededRandom } from './helpers.js';

// The cross-file rules are written for speed over 100k entries (one map of owners, lists only where a
// value is shared, relations looked up only when two titles meet). These are the plain computations they
// replace; on random indexes full of collisions both must report the same findings, in the same order.
type Found = { file: string; path: unknown; message: string };
type Reference = (
  index: DatasetIndex,
  report: (r: Report) => void,
  skip: (at: Location, id: string, because: string) => void,
) => void;

const reference: Record<string, Reference> = {
  'duplicate-doi'(index, report) {
    const cited = index.entries.map(({ digest }) => {
      const dois: { doi: string; key: string; path: (string | number)[]; primary: boolean }[] = [];
      if (digest.doi)
        dois.push({ doi: digest.doi, key: normalizeDoi(digest.doi), path: ['doi'], primary: true });
      digest.alternateDois?.forEach((doi, i) => {
        dois.push({ doi, key: normalizeDoi(doi), path: ['alternateDois', i], primary: false });
      });
      return dois;
    });
    const owners = new Map<string, { id: string; primary: boolean }[]>();
    index.entries.forEach(({ digest }, e) => {
      for (const { key, primary } of cited[e]!) {
        const list = owners.get(key) ?? [];
        list.push({ id: digest.id, primary });
        owners.set(key, list);
      }
    });
    index.entries.forEach(({ source, digest }, e) => {
      for (const { doi, key, path } of cited[e]!) {
        const others = owners.get(key)!.filter((o) => o.id !== digest.id);
        if (owners.get(key)!.length < 2 || others.length === 0) continue;
        const named = others.map((o) => `${o.primary ? 'the DOI' : 'an alternate DOI'} of entry "${o.id}"`);
        report({ at: { source, path }, message: `DOI ${doi} is also ${named.join(' and ')}.`, hint: '' });
      }
    });
  },
  'duplicate-title'(index, report) {
    const entries = index.entries.filter(
      ({ digest }) => digest.titleKey !== undefined && has(digest, 'related'),
    );
    const related = new Set<string>();
    for (const { digest } of entries)
      for (const r of digest.related ?? []) related.add(`${digest.id} ${r.id}`);
    for (const entry of entries) {
      const others = entries
        .filter(
          (o) =>
            o !== entry &&
            o.digest.titleKey === entry.digest.titleKey &&
            !related.has(`${entry.digest.id} ${o.digest.id}`) &&
            !related.has(`${o.digest.id} ${entry.digest.id}`),
        )
        .map((o) => `"${o.digest.id}"`);
      if (others.length === 0) continue;
      const named =
        others.length === 1
          ? `entry ${others[0]}`
          : `entries ${others.slice(0, -1).join(', ')} and ${others.at(-1)}`;
      report({
        at: { source: entry.source, path: ['title'] },
        message: `Same title and year as ${named}.`,
        hint: '',
      });
    }
  },
  'reading-order'(index, report, skip) {
    const topics = index.topics;
    if (!topics) return;
    for (const topic of topics.digest.topics)
      topic.readingOrder?.forEach((id, i) => {
        const entry = index.entries.find((e) => e.digest.id === id);
        if (entry?.digest.topics?.includes(topic.id)) return;
        const at = { source: topics.source, path: ['topics', topic.index, 'readingOrder', i] };
        if (!entry) {
          const file = index.unloaded.get(id);
          if (file) skip(at, id, file);
          else report({ at, message: `Entry "${id}" does not exist.`, hint: '' });
        } else if (!entry.digest.topics) skip(at, id, entry.source.file);
        else report({ at, message: `Entry "${id}" is not in topic "${topic.id}".`, hint: '' });
      });
  },
  'reading-order-complete'(index, report) {
    const topics = index.topics?.digest.topics ?? [];
    if (!index.topics) return;
    for (const entry of index.entries)
      entry.digest.topics?.forEach((topic, i) => {
        const order = topics.findLast((t) => t.id === topic)?.readingOrder;
        if (order && !order.includes(entry.digest.id))
          report({
            at: { source: entry.source, path: ['topics', i] },
            message: `Entry is in topic "${topic}" but not in its reading order; it is listed after the others.`,
            hint: '',
          });
      });
  },
  'unique-id'(index, report) {
    for (const entry of index.entries) {
      const others = index.entries
        .filter((o) => o !== entry && o.digest.id === entry.digest.id)
        .map((o) => o.source.file);
      if (others.length === 0) continue;
      const named =
        others.length === 1 ? others[0] : `${others.slice(0, -1).join(', ')} and ${others.at(-1)}`;
      report({
        at: { source: entry.source, path: ['id'] },
        message: `ID "${entry.digest.id}" is also used by ${named}.`,
        hint: '',
      });
    }
  },
};

/** A seeded random index where IDs, DOIs, titles and relations collide often. */
function randomIndex(seed: number, size: number): DatasetIndex {
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[next(xs.length)]!;
  const ids = Array.from({ length: Math.max(2, Math.floor(size * 0.8)) }, (_, i) => `e${i}`);
  const dois = ['10.1/a', '10.1/A', 'https://doi.org/10.1/a', '10.2/b', '10.3/c', 'doi:10.3/c', '10.4/d.'];
  const relations = ['conference-version', 'journal-version', 'follow-up', 'prior-work', 'same-project'];
  const topicIds = ['t0', 't1', 't2', 't3'];
  const files: { source: SourceFile; digest: FileDigest; file: string }[] = [];
  for (let i = 0; i < size; i++) {
    const file = `entries/f${i}.yaml`;
    const source: SourceFile = { path: `/x/${file}`, file, data: undefined, hasBom: false };
    if (next(20) === 0) {
      files.push({ source, digest: { kind: 'entry' }, file });
      continue;
    }
    const entry: EntryDigest = { id: pick(ids) };
    if (next(4) > 0) entry.doi = next(3) === 0 ? pick(dois) : `10.9/${i}`;
    if (next(4) === 0) entry.alternateDois = Array.from({ length: 1 + next(3) }, () => pick(dois));
    if (next(5) > 0)
      entry.titleKey = `${pick(['a title', 'b title', `t${i}`, `t${i}`])}|${pick(['2020', '2021', ''])}`;
    if (next(3) === 0)
      entry.related = Array.from({ length: 1 + next(3) }, () => ({
        id: pick(ids),
        relation: pick(relations),
      }));
    if (next(10) === 0) entry.broken = [pick(['related', 'title', 'doi'])];
    // Topics: mostly known ones, sometimes one topics.yaml lacks, sometimes none that passed the schema.
    if (next(8) > 0) entry.topics = Array.from({ length: 1 + next(2) }, () => pick([...topicIds, 'tx']));
    files.push({ source, digest: { kind: 'entry', entry }, file });
  }
  // topics.yaml: topics that may share an ID, orders that name entries (of the topic or not), unknown IDs,
  // files that did not load (f<i>), or fail the schema (no order), or are empty.
  const topicsSource: SourceFile = {
    path: '/x/topics.yaml',
    file: 'topics.yaml',
    data: undefined,
    hasBom: false,
  };
  const topics = Array.from({ length: 1 + next(5) }, (_, index) => {
    const order = Array.from({ length: next(size) }, () =>
      next(10) === 0 ? `f${next(size)}` : next(20) === 0 ? 'nobody' : pick(ids),
    );
    return {
      id: pick(topicIds),
      index,
      ...(next(6) > 0 && { readingOrder: next(8) === 0 ? [] : order }),
    };
  });
  files.splice(next(files.length + 1), 0, {
    source: topicsSource,
    digest: { kind: 'topics', topics: { topics, complete: next(4) > 0 } },
    file: 'topics.yaml',
  });
  return buildIndex(files, (i) => files[i]!.source);
}

function run(check: Reference, index: DatasetIndex): Found[] {
  const found: Found[] = [];
  check(
    index,
    ({ at, message }) => {
      found.push({ file: at.source.file, path: 'path' in at ? at.path : undefined, message });
    },
    (at, id, because) => {
      found.push({
        file: at.source.file,
        path: 'path' in at ? at.path : undefined,
        message: `skip ${id} ${because}`,
      });
    },
  );
  return found;
}

describe('the cross-file rules report what the plain computations report', () => {
  for (const [code, plain] of Object.entries(reference)) {
    it(`${code}, on 500 random indexes full of collisions`, () => {
      const rule = rules.find((r) => r.rule.code === code)!.rule;
      if (rule.scope !== 'dataset') throw new Error(`${code} is not a cross-file rule`);
      let findings = 0;
      for (let seed = 1; seed <= 500; seed++) {
        const index = randomIndex(seed * 7919, 5 + (seed % 60));
        const expected = run(plain, index);
        expect(
          run((i, report, skip) => rule.check(i, report, skip), index),
          `seed ${seed}`,
        ).toEqual(expected);
        findings += expected.length;
      }
      // The random indexes must exercise the findings, not only their absence.
      expect(findings).toBeGreaterThan(500);
    });
  }
});
