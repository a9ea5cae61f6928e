export { main } from './cli.js';
export { type CliIo, EXIT } from './io.js';
export * from './links/index.js';
export { resolveDatasetDir } from './locate-dataset.js';
