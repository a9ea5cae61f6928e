import type { Entry } from '@virtbib/schema';
import { classOf } from '../links/codes.js';
import { DOI_SCHEME } from '../links/sources/dataset.js';
import type { LinkInput, LinkResult, Source } from '../links/types.js';
import type { RegistryClient } from './client.js';
import { verifyDoi } from './verify.js';

/** DOIs verified at once; the client's rate gate keeps each registry host at its own lower limit. */
const PARALLEL = 4;

/**
 * Verifies `doi:` inputs and reports each as a link result with a DOI code, so that DOIs share the link
 * checker's history, cache, reports and exit code.
 */
export async function checkDois(
  client: RegistryClient,
  inputs: readonly { url: string; sources: Source[] }[],
  entries: ReadonlyMap<string, Entry>,
  emit: (result: LinkResult) => void,
): Promise<void> {
  let next = 0;
  const work = async () => {
    while (next < inputs.length) {
      const { url, sources } = inputs[next++]!;
      const entry = entries.get(url);
      if (!entry) continue;
      const started = performance.now();
      const field = sources[0]?.field ?? 'doi';
      const result = await verifyDoi(client, entry, url.slice(DOI_SCHEME.length), field);
      emit({
        url,
        class: classOf(result.code),
        code: result.code,
        redirects: [],
        attempts: 1,
        requests: 0,
        durationMs: Math.round(performance.now() - started),
        sources,
        ...(result.detail !== undefined && { detail: result.detail }),
        ...(result.mismatches.length > 0 && { mismatches: result.mismatches }),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, inputs.length) }, work));
}

export function isDoiInput(input: LinkInput | { url: string }): boolean {
  return input.url.startsWith(DOI_SCHEME);
}
