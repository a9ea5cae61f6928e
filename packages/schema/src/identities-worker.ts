import { parentPort, workerData } from 'node:worker_threads';
import { claimIdentities, type IdentityTask } from './identities.js';

// The worker side of identities.ts: claims chunks of the list from the shared counter, as the calling
// thread does, and says when no chunk is left.
const task = workerData as IdentityTask;
claimIdentities(task.paths.split('\0'), new Int32Array(task.counter), new Float64Array(task.values));
parentPort!.postMessage('done');
