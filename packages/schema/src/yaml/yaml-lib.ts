import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

/**
 * The `yaml` package (the comment- and position-keeping parser), loaded on first use: a validation that
 * finds nothing never needs it (only locating findings and formatting do), and loading it is a measurable
 * part of the CLI's start-up.
 */
export function yamlLib(): Yaml {
  lib ??= createRequire(import.meta.url)('yaml') as Yaml;
  return lib;
}
