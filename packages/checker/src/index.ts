export { main } from './cli.js';
export { type CliIo, EXIT } from './io.js';
export { resolveDatasetDir } from './locate-dataset.js';
