import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConcurrentModificationError, formatYaml, writeFileAtomic } from '@virtbib/schema';
import type { LinkReport } from '../links/results/report.js';
import { isArchiveUrl, isDoiResolverUrl } from './wayback.js';

/**
 * Writes the archived copy suggested for each broken dataset link into its entry as `urls.archived`,
 * through the formatter (comments kept) and atomically. The dead URL itself is never replaced: it is the
 * record of where the work was, and it may come back. An entry that already has an archived URL is left
 * alone. Returns one line per file written or skipped.
 *
 * Only what this run found is written: a link broken in this run (not a cached result), a doi.org address
 * never (the DOI is verified at the registry instead), and a suggestion only when it is an http(s) page of
 * the archive at `waybackBase` — whatever else a report or an API may hold.
 */
export function writeArchivedCopies(report: LinkReport, cwd: string, waybackBase: string): string[] {
  const byFile = new Map<string, string>();
  for (const result of report.results) {
    const suggestion = result.suggestion;
    if (suggestion?.reason !== 'archived-copy' || result.class !== 'broken' || result.cached) continue;
    if (isDoiResolverUrl(result.url) || !isArchiveUrl(suggestion.url, waybackBase)) continue;
    for (const source of result.sources) {
      if (source.field !== 'urls.landing' && source.field !== 'urls.open') continue;
      if (!byFile.has(source.file)) byFile.set(source.file, suggestion.url);
    }
  }
  const lines: string[] = [];
  for (const [file, archived] of byFile) {
    const path = resolve(cwd, file);
    const original = readFileSync(path, 'utf8');
    let added = false;
    const next = formatYaml('entry', original, (doc) => {
      if (doc.hasIn(['urls', 'archived'])) return;
      doc.setIn(['urls', 'archived'], archived);
      added = true;
    });
    if (!added) {
      lines.push(`${file} already has urls.archived; left as it is`);
      continue;
    }
    try {
      writeFileAtomic(path, next, original);
      lines.push(`added urls.archived to ${file}: ${archived}`);
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError)) throw error;
      lines.push(`${file} changed while checking; not written (run again)`);
    }
  }
  return lines;
}
