import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The worker runs the built module: these tests import dist, where the worker script exists as JavaScript.
// The limit is for a hang on a loaded machine, not a measure of speed.
const built = () =>
  Promise.all([
    import('../dist/identities.js') as Promise<typeof import('../src/identities.js')>,
    import('../dist/file-identity.js') as Promise<typeof import('../src/file-identity.js')>,
  ]);

describe('file identities on two threads', { timeout: 120_000 }, () => {
  it('gives, path by path, what identityOf gives on this thread, links and missing files included', async () => {
    const [{ startIdentities, identityAt, CHUNK }, { identityOf }] = await built();
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-identities-'));
    const paths: string[] = [];
    // Enough files for many chunks, so that both threads take some, with the odd ones spread through.
    for (let i = 0; i < CHUNK * 9 + 17; i++) {
      const path = join(dir, `f${i}.yaml`);
      if (i % 97 === 5) symlinkSync(join(dir, 'f0.yaml'), path);
      else if (i % 89 === 7) mkdirSync(path);
      else if (i % 83 !== 3) writeFileSync(path, 'x'.repeat(i % 50));
      paths.push(path);
    }
    const here = paths.map(identityOf);
    expect(here.filter((x) => x === undefined).length).toBeGreaterThan(60);
    const read = (values: Float64Array) => paths.map((_, i) => identityAt(values, i));
    expect(read(await startIdentities(paths, true).finish())).toEqual(here);
    // Without the worker the answer is the same.
    expect(read(await startIdentities(paths, false).finish())).toEqual(here);
  });

  it('handles an empty list and a list shorter than one chunk', async () => {
    const [{ startIdentities, identityAt }, { identityOf }] = await built();
    const dir = mkdtempSync(join(tmpdir(), 'virtbib-identities-'));
    writeFileSync(join(dir, 'a.yaml'), 'a');
    expect((await startIdentities([], true).finish()).length).toBe(0);
    const one = [join(dir, 'a.yaml'), join(dir, 'missing.yaml')];
    const values = await startIdentities(one, true).finish();
    const got = one.map((_, i) => identityAt(values, i));
    expect(got).toEqual(one.map(identityOf));
    expect(got[0]).toHaveLength(5);
    expect(got[1]).toBeUndefined();
  });
});
