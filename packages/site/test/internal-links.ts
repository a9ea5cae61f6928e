/**
 * The site's own links, checked the way a maintainer would: `virtbib check --internal-only` resolves every
 * link of every page against the site's folder (fragments included, root-relative links under the base
 * path), and nothing the browser loads by itself may come from another origin, which is this helper's own
 * check.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { listFiles } from './helpers.js';

export interface Problem {
  page: string;
  value: string;
  problem: string;
}

/** Elements whose URL the browser loads by itself (as opposed to links a reader may follow). */
const LOADED =
  'link[rel~="stylesheet"][href], link[rel~="icon"][href], script[src], img[src], iframe[src], source[src]';

const virtbib = join(
  dirname(createRequire(import.meta.url).resolve('@virtbib/checker/package.json')),
  'bin',
  'virtbib.js',
);

interface Report {
  results: { url: string; class: string; code: string; sources: { file: string; line: number }[] }[];
}

export function checkInternalLinks(dir: string, basePath: string): { problems: Problem[]; checked: number } {
  const run = spawnSync(
    process.execPath,
    [virtbib, 'check', '.', '--internal-only', '--base-path', basePath, '--format', 'json', '--no-progress'],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`virtbib check failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as Report;
  const problems: Problem[] = report.results
    .filter((r) => r.class !== 'ok')
    .flatMap((r) => r.sources.map((s) => ({ page: s.file, value: r.url, problem: r.code })));

  for (const page of listFiles(dir).filter((f) => f.endsWith('.html'))) {
    const { document } = parseHTML(readFileSync(join(dir, page), 'utf8'));
    for (const el of document.querySelectorAll(LOADED)) {
      const value = el.getAttribute('href') ?? el.getAttribute('src')!;
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value))
        problems.push({ page: relative(dir, join(dir, page)), value, problem: 'loads from another origin' });
    }
  }
  return { problems, checked: report.results.length };
}
