import { describe, expect, it } from 'vitest';
import { digestEntry, titleKey } from '../src/lint/dataset-index.js';

// digestEntry copies the strings it keeps (so that 100k digests do not hold 100k file texts) and shares
// lists of topics between entries. Neither may change what a digest says.
describe('an entry digest', () => {
  const entry = {
    id: 'popek1974formal',
    title: 'Formal Requirements for Virtualizable Third Generation Architectures',
    year: 1974,
    doi: '10.1145/361011.361073',
    alternateDois: ['10.1145/800009.808061'],
    topics: ['foundations', 'cpu'],
    related: [{ id: 'goldberg1974survey', relation: 'same-project' }],
    provenance: { waivers: [{ rule: 'duplicate-title', reason: 'x' }] },
  };

  it('holds the fields that passed the schema, equal to the originals', () => {
    const digest = digestEntry(entry, [])!;
    expect(JSON.parse(JSON.stringify(digest))).toEqual({
      id: entry.id,
      year: 1974,
      titleKey: titleKey(entry.title, 1974),
      doi: entry.doi,
      alternateDois: entry.alternateDois,
      topics: entry.topics,
      related: entry.related,
      waivers: ['duplicate-title'],
    });
    // Its JSON (what a cache hashes) lists the fields in the order of EntryDigest, without the absent ones.
    expect(Object.keys(JSON.parse(JSON.stringify(digest)))).toEqual([
      'id',
      'year',
      'titleKey',
      'doi',
      'alternateDois',
      'topics',
      'related',
      'waivers',
    ]);
  });

  it('copies non-ASCII and long values exactly', () => {
    const id = `ünïcødé-${'x'.repeat(2000)}-🙂`;
    const digest = digestEntry({ ...entry, id, doi: '10.1000/é🙂' }, [])!;
    expect(digest.id).toBe(id);
    expect(digest.doi).toBe('10.1000/é🙂');
  });

  it('leaves out the fields a finding covers, and names them as broken', () => {
    const digest = digestEntry(entry, [['doi'], ['topics', 1]])!;
    expect(digest.doi).toBeUndefined();
    expect(digest.topics).toBeUndefined();
    expect(digest.broken).toEqual(['doi', 'topics']);
    expect(Object.keys(JSON.parse(JSON.stringify(digest)))).toEqual([
      'id',
      'broken',
      'year',
      'titleKey',
      'alternateDois',
      'related',
      'waivers',
    ]);
  });

  it('gives entries with the same topics one shared list, and different lists to different topics', () => {
    const a = digestEntry({ ...entry, topics: ['cpu', 'memory'] }, [])!;
    const b = digestEntry({ ...entry, id: 'b', topics: ['cpu', 'memory'] }, [])!;
    const c = digestEntry({ ...entry, id: 'c', topics: ['cpu\nmemory'] }, [])!;
    const d = digestEntry({ ...entry, id: 'd', topics: ['cpu'] }, [])!;
    expect(a.topics).toBe(b.topics);
    expect(a.topics).toEqual(['cpu', 'memory']);
    expect(c.topics).toEqual(['cpu\nmemory']);
    expect(d.topics).toEqual(['cpu']);
  });
});
