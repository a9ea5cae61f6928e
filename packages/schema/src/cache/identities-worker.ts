import { parentPort, workerData } from 'node:worker_threads';
import {
  claimIdentities,
  FIELDS,
  type IdentityTask,
  type ListingMessage,
  type ListingTask,
} from './identities.js';

// The worker side of identities.ts: claims chunks of the list from the shared counter, as the calling
// thread does, and says when no chunk is left. Given a dataset to list instead of paths, it lists it first
// (loading the listing code only then) and sends the list and the array of identities before claiming.
const task = workerData as IdentityTask | ListingTask;
if ('paths' in task) {
  const paths = task.paths.split('\0');
  claimIdentities(
    paths.length,
    (i) => paths[i]!,
    new Int32Array(task.counter),
    new Float64Array(task.values),
  );
  parentPort!.postMessage('done');
} else {
  const [{ LAYOUT, listDatasetNames }, { UsageError }] = await Promise.all([
    import('../files/dataset-files.js'),
    import('../errors.js'),
  ]);
  const dir = task.list;
  const shared = new Int32Array(task.counter);
  let names: ReturnType<typeof listDatasetNames> | undefined;
  let message: ListingMessage;
  try {
    names = listDatasetNames(dir);
  } catch (error) {
    message = { listFailed: { usage: error instanceof UsageError, message: (error as Error).message } };
  }
  const entries = names?.entries ?? [];
  const notes = names?.notes ?? [];
  // In the list's order (dataset-files.ts, filesOf): the entries, topics.yaml, the notes.
  const count = names ? entries.length + 1 + notes.length : 0;
  const values = new SharedArrayBuffer(count * FIELDS * Float64Array.BYTES_PER_ELEMENT);
  // The names joined with their folder in the separator: one string crosses faster than 100k do.
  const joined = (folder: string, list: readonly string[]) =>
    list.length === 0 ? '' : `${folder}/${list.join(`\0${folder}/`)}`;
  message ??= {
    listed: { entries: joined(LAYOUT.entries, entries), notes: joined(LAYOUT.notes, notes) },
    values,
  };
  parentPort!.postMessage(message);
  // The caller stops guessing the list (listed-identities.ts) and waits for the message.
  Atomics.store(shared, 1, 1);
  if (names) {
    const pathAt = (i: number) =>
      i < entries.length
        ? `${dir}/${LAYOUT.entries}/${entries[i]}`
        : i === entries.length
          ? `${dir}/${LAYOUT.topics}`
          : `${dir}/${LAYOUT.notes}/${notes[i - entries.length - 1]}`;
    claimIdentities(count, pathAt, shared, new Float64Array(values));
    parentPort!.postMessage('done');
  }
}
