// Writes the files derived from the authoring schemas, which are committed so reviewers see them:
//   schemas/dataset.schema.json  the published schema of the built bibliography.json
//   src/types.generated.ts       TypeScript types for every schema
// A test regenerates both in memory and fails when the committed copies have drifted.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDatasetSchema, renderTypes } from './derive.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${root}schemas/dataset.schema.json`, renderDatasetSchema());
writeFileSync(`${root}src/types.generated.ts`, await renderTypes());
console.log('wrote schemas/dataset.schema.json and src/types.generated.ts');
