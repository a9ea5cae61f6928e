import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { siteConfig, writeSite } from '../src/build.js';
import { fixtureSite, realDist, tempDir } from './helpers.js';
import { checkInternalLinks } from './internal-links.js';

describe("the site's own links (virtbib check --internal-only)", () => {
  it('all resolve in the site built from @virtbib/data, fragments included, with nothing loaded from elsewhere', () => {
    expect(existsSync(realDist), 'packages/site/dist: run `npm run build` first').toBe(true);
    // Built for its Pages address in the Site workflow (VIRTBIB_SITE_URL), else for the default one.
    const { basePath } = siteConfig(process.env.VIRTBIB_SITE_URL || undefined);
    const { problems, checked } = checkInternalLinks(realDist, basePath);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  const temp = tempDir('links');
  afterAll(() => temp.remove());

  it('all resolve in the fixture site, under another base path, with a link report', () => {
    const files = fixtureSite({ siteUrl: 'https://example.org/deep/base/' });
    writeSite(files, temp.dir);
    const { problems, checked } = checkInternalLinks(temp.dir, '/deep/base/');
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('finds a broken link, a missing fragment and a stylesheet from another origin (the check can fail)', () => {
    const files = fixtureSite();
    const home = String(files.get('index.html'));
    files.set(
      'index.html',
      home.replace(
        '</main>',
        '<a href="entries/nope.html">x</a><a href="search.html#nowhere">y</a><link rel="stylesheet" href="https://cdn.example/x.css"></main>',
      ),
    );
    const dir = `${temp.dir}-broken`;
    writeSite(files, dir);
    try {
      const problems = checkInternalLinks(dir, '/virtbib/').problems.map((p) => `${p.value}: ${p.problem}`);
      expect(problems.sort()).toEqual(
        [
          'https://cdn.example/x.css: loads from another origin',
          'entries/nope.html: internal-missing',
          'search.html#nowhere: internal-anchor',
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
