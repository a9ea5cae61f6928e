import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM build script without type declarations
import { renderDatasetSchema, renderTypes } from '../scripts/derive.mjs';

const root = join(import.meta.dirname, '..');
const fix = 'run `npm run generate -w @virtbib/schema` and commit the result';

describe('generated files match the schemas', () => {
  it(`schemas/dataset.schema.json is current (${fix})`, () => {
    expect(readFileSync(join(root, 'schemas/dataset.schema.json'), 'utf8')).toBe(renderDatasetSchema());
  });

  it(`src/types.generated.ts is current (${fix})`, async () => {
    expect(readFileSync(join(root, 'src/types.generated.ts'), 'utf8')).toBe(await renderTypes());
  });
});
