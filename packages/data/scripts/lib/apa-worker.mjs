// A worker thread that renders one slice of the citations (see citations.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { renderApa } from './apa.mjs';

parentPort.postMessage(renderApa(workerData.items));
