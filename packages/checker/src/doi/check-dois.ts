import type { Entry } from '@virtbib/schema';
import type { AbortLike } from '../links/http/abort.js';
import { stopCode } from '../links/http/errors.js';
import { classOf } from '../links/results/codes.js';
import { DOI_SCHEME } from '../links/sources/dataset.js';
import { type LinkInput, type LinkResult, NO_REDIRECTS, type Source } from '../links/types.js';
import type { RegistryClient } from './client.js';
import { type Citation, verifyCitations } from './verify.js';

/** DOIs verified at once; the client's rate gate keeps each registry host at its own lower limit. */
const PARALLEL = 4;

/**
 * Verifies `doi:` inputs and reports each as a link result with a DOI code, so that DOIs share the link
 * checker's history, cache, reports and exit code. `entries` maps each entry file (as sources name it)
 * to its entry: every entry that cites a DOI is compared with the registry's record. When `signal` stops
 * the run, the DOIs not verified yet are reported as skipped.
 */
export async function checkDois(
  client: RegistryClient,
  inputs: readonly { url: string; sources: Source[] }[],
  entries: ReadonlyMap<string, Entry>,
  emit: (result: LinkResult) => void,
  signal?: AbortLike,
): Promise<void> {
  let next = 0;
  const work = async () => {
    while (next < inputs.length) {
      const { url, sources } = inputs[next++]!;
      const citations: Citation[] = [];
      for (const source of sources) {
        const entry = entries.get(source.file);
        if (entry) citations.push({ entry, field: source.field ?? 'doi', file: source.file });
      }
      const started = performance.now();
      const verdict = signal?.aborted
        ? { code: 'stopped' as const, mismatches: [], detail: (signal.reason as Error | undefined)?.message }
        : await verifyCitations(client, url.slice(DOI_SCHEME.length), citations, signal);
      const code = verdict.code === 'stopped' ? stopCode(signal?.reason) : verdict.code;
      const mismatches = verdict.mismatches;
      // The entries that disagree with the registry come first: a report shows the first place.
      const disagreeing = new Set(mismatches.map((m) => m.file));
      const ordered = [...sources].sort(
        (a, b) => Number(disagreeing.has(b.file)) - Number(disagreeing.has(a.file)),
      );
      emit({
        url,
        class: classOf(code),
        code,
        redirects: NO_REDIRECTS,
        attempts: verdict.code === 'stopped' ? 0 : 1,
        requests: 0,
        durationMs: Math.round(performance.now() - started),
        sources: ordered,
        ...(verdict.detail !== undefined && { detail: verdict.detail }),
        ...(mismatches.length > 0 && { mismatches }),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, inputs.length) }, work));
}

/** Whether an input is a DOI of the dataset: a `doi:` URL found in a DOI field of an entry. */
export function isDoiInput(input: LinkInput | { url: string; sources?: readonly Source[] }): boolean {
  return input.url.startsWith(DOI_SCHEME);
}
