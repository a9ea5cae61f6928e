import { normalizeDoi } from '@virtbib/schema';
import { readCslItem } from './csl-item.js';
import type { CslItem } from './csl-to-entry.js';

export interface DoiSource {
  /** Base of the resolver, http(s), without a trailing slash. */
  resolver: string;
  mailto?: string;
  allowPrivate: boolean;
  /** Everything the registry may take, redirects and retries included, in ms. */
  deadline: number;
}

export type DoiRecord = { item: CslItem; problems: string[]; record: string } | { error: string };

/**
 * The registry's metadata for a DOI, read without trusting it: the body is capped by the registry client
 * (1 MiB), the whole exchange by `deadline` (when it runs out the client is closed, which aborts whatever
 * is in flight), and the record by `readCslItem`. A record that describes another DOI is refused rather
 * than silently added under the other name. The HTTP client is imported here, so that `add --bibtex`
 * never loads it.
 */
export async function fetchDoiRecord(doi: string, source: DoiSource): Promise<DoiRecord> {
  const { RegistryClient } = await import('../doi/client.js');
  const { fetchCsl } = await import('../doi/verify.js');
  const client = new RegistryClient({
    resolver: source.resolver,
    ...(source.mailto !== undefined && { mailto: source.mailto }),
    allowPrivate: source.allowPrivate,
    timeout: Math.min(source.deadline, 15_000),
    maxRetryAfter: Math.min(source.deadline, 10_000),
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), source.deadline);
  });
  try {
    const fetched = await Promise.race([fetchCsl(client, doi), expired]);
    if (fetched === 'expired')
      return { error: `${client.resolver} did not answer within ${source.deadline} ms (--timeout)` };
    if ('detail' in fetched) return { error: fetched.detail };
    const { item, problems } = readCslItem(fetched.item);
    if (item.DOI !== undefined && normalizeDoi(item.DOI) !== doi)
      return {
        error: `the registry answered with the record of ${normalizeDoi(item.DOI)}, not ${doi}; nothing was written. If that is the DOI you mean (registries redirect some DOIs to another), add it by that DOI`,
      };
    return { item: { ...item, DOI: doi }, problems, record: `${client.resolver}/${doi}` };
  } finally {
    clearTimeout(timer);
    await client.close();
  }
}
