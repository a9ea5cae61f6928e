import type { Entry, Note, TopicsFile } from '@virtbib/schema';
import { normalizeTitle } from '@virtbib/schema';
import type { Reason } from './bump.js';

export interface DatasetSnapshot {
  entries: Entry[];
  topics?: TopicsFile;
  notes: Note[];
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const field = (entry: Entry, key: string): unknown => (entry as unknown as Record<string, unknown>)[key];

/** What a change to the data means for consumers, by the policy in packages/data/README.md. */
export function diffDatasets(base: DatasetSnapshot, head: DatasetSnapshot): Reason[] {
  const reasons: Reason[] = [];
  const before = new Map(base.entries.map((e) => [e.id, e]));
  const after = new Map(head.entries.map((e) => [e.id, e]));
  const added = head.entries.filter((e) => !before.has(e.id));
  const identity = (e: Entry) =>
    [e.doi, `${normalizeTitle(e.title)}|${e.year ?? ''}`].filter(Boolean) as string[];

  for (const old of base.entries) {
    if (after.has(old.id)) continue;
    // An entry that disappears while one with the same DOI or title appears was renamed: consumers that
    // cite the old ID break all the same.
    const keys = new Set(identity(old));
    const successor = added.find((e) => identity(e).some((k) => keys.has(k)));
    reasons.push({
      level: 'major',
      message: successor ? `entry ${old.id} renamed to ${successor.id}` : `entry ${old.id} removed`,
    });
  }
  for (const entry of added) reasons.push({ level: 'patch', message: `entry ${entry.id} added` });
  for (const entry of head.entries) {
    const old = before.get(entry.id);
    if (!old) continue;
    const fields = [...new Set([...Object.keys(old), ...Object.keys(entry)])].filter(
      (k) => stable(field(old, k)) !== stable(field(entry, k)),
    );
    if (fields.length > 0)
      reasons.push({ level: 'patch', message: `entry ${entry.id} corrected (${fields.sort().join(', ')})` });
  }

  const oldTopics = new Map((base.topics?.topics ?? []).map((t) => [t.id, t]));
  const newTopics = new Map((head.topics?.topics ?? []).map((t) => [t.id, t]));
  for (const id of oldTopics.keys())
    if (!newTopics.has(id)) reasons.push({ level: 'major', message: `topic ${id} removed` });
  for (const [id, topic] of newTopics) {
    const old = oldTopics.get(id);
    if (!old) reasons.push({ level: 'minor', message: `topic ${id} added` });
    else if (stable(old) !== stable(topic)) reasons.push({ level: 'patch', message: `topic ${id} changed` });
  }

  const oldNotes = new Map(base.notes.map((n) => [n.id, n]));
  for (const note of head.notes) {
    const old = oldNotes.get(note.id);
    if (!old) reasons.push({ level: 'minor', message: `note ${note.id} added` });
    else if (stable(old) !== stable(note))
      reasons.push({ level: 'patch', message: `note ${note.id} changed` });
  }
  for (const id of oldNotes.keys()) {
    if (!head.notes.some((n) => n.id === id)) reasons.push({ level: 'major', message: `note ${id} removed` });
  }
  return reasons;
}
