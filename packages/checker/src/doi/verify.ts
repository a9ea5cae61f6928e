import type { Entry } from '@virtbib/schema';
import { normalizeDoi } from '@virtbib/schema';
import type { CslItem } from '../add/csl-to-entry.js';
import type { AbortLike } from '../links/http/abort.js';
import { doiPath, type RegistryClient } from './client.js';
import { compareWithRegistry, type FieldMismatch } from './compare.js';

export const CSL_JSON = 'application/vnd.citationstyles.csl+json';

/** Stable codes of DOI results, shown in reports beside the link codes. */
export type DoiCode = 'doi-ok' | 'doi-not-found' | 'doi-mismatch' | 'doi-unverifiable';

export interface DoiResult {
  doi: string;
  code: DoiCode;
  /** The entry the DOI belongs to, and the field (`doi`, `alternateDois[1]`). */
  entry: string;
  field: string;
  mismatches: FieldMismatch[];
  detail?: string;
}

export type HandleStatus =
  | { state: 'registered' }
  | { state: 'not-found'; detail: string }
  | { state: 'unverifiable'; detail: string }
  /** The run stopped (budget, Ctrl+C) before the registry answered. */
  | { state: 'stopped'; detail: string };

/**
 * Asks the handle system whether a DOI exists: responseCode 1 is registered, 100 is "handle not found"
 * (sent with HTTP 404 and a JSON body, which is read), 200 is "no values" (the handle exists but points
 * nowhere). Anything else — 5xx after retries, timeouts, unreadable JSON — proves nothing either way.
 */
export async function lookupHandle(
  client: RegistryClient,
  doi: string,
  signal?: AbortLike,
): Promise<HandleStatus> {
  const response = await client.get(
    `${client.resolver}/api/handles/${doiPath(doi)}`,
    'application/json',
    signal,
  );
  if (!response.ok) return { state: response.stopped ? 'stopped' : 'unverifiable', detail: response.error };
  let code: unknown;
  try {
    code = (JSON.parse(response.body) as { responseCode?: unknown }).responseCode;
  } catch {
    return { state: 'unverifiable', detail: `handle API answered ${response.status} with malformed JSON` };
  }
  if (code === 1) return { state: 'registered' };
  if (code === 100) return { state: 'not-found', detail: 'the handle system does not know this DOI' };
  if (code === 200)
    return { state: 'not-found', detail: 'the handle exists but has no values, so it resolves nowhere' };
  return {
    state: 'unverifiable',
    detail: `handle API answered ${response.status} with responseCode ${String(code)}`,
  };
}

/** The registration agency's metadata for a DOI, by content negotiation on the resolver. */
export async function fetchCsl(
  client: RegistryClient,
  doi: string,
  signal?: AbortLike,
): Promise<{ item: CslItem } | { detail: string; stopped?: true }> {
  const response = await client.get(`${client.resolver}/${doiPath(doi)}`, CSL_JSON, signal);
  if (!response.ok)
    return response.stopped ? { detail: response.error, stopped: true } : { detail: response.error };
  if (response.status !== 200)
    return { detail: `metadata request answered HTTP ${response.status} (${response.url})` };
  try {
    const item = JSON.parse(response.body) as CslItem;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      return { detail: 'metadata is not a CSL-JSON object' };
    return { item };
  } catch {
    return { detail: `metadata from ${response.url} is malformed JSON` };
  }
}

/** Where a DOI is cited: an entry, and the field it stands in (`doi`, `alternateDois[1]`). */
export interface Citation {
  entry: Entry;
  field: string;
  /** The entry's file, as reports show it. */
  file?: string;
}

export interface DoiVerdict {
  doi: string;
  code: DoiCode | 'stopped';
  /** Each field where the registry disagrees with a citing entry, naming the entry. */
  mismatches: FieldMismatch[];
  detail?: string;
}

/**
 * Verifies that a DOI exists and describes the work of every entry that cites it (title, year, first
 * author). The registry is asked once; its record is compared with each citing entry on its own, so that
 * a DOI shared by two entries hides neither one's mismatch.
 */
export async function verifyCitations(
  client: RegistryClient,
  raw: string,
  citations: readonly Citation[],
  signal?: AbortLike,
): Promise<DoiVerdict> {
  const doi = normalizeDoi(raw);
  const base = { doi, mismatches: [] as FieldMismatch[] };
  const handle = await lookupHandle(client, doi, signal);
  if (handle.state !== 'registered') {
    const code =
      handle.state === 'not-found'
        ? 'doi-not-found'
        : handle.state === 'stopped'
          ? 'stopped'
          : 'doi-unverifiable';
    return { ...base, code, detail: handle.detail };
  }
  const metadata = await fetchCsl(client, doi, signal);
  if ('detail' in metadata)
    return { ...base, code: metadata.stopped ? 'stopped' : 'doi-unverifiable', detail: metadata.detail };
  const mismatches: FieldMismatch[] = [];
  // Alternate DOIs name the same publication in another venue (an OSDI paper's SIGOPS OSR reprint),
  // whose registry year may differ; only the primary DOI must match the entry field by field.
  for (const { entry, field, file } of citations)
    for (const mismatch of compareWithRegistry(entry, metadata.item))
      if (field === 'doi' || mismatch.field !== 'year')
        mismatches.push({ ...mismatch, id: entry.id, ...(file !== undefined && { file }) });
  return mismatches.length > 0 ? { ...base, code: 'doi-mismatch', mismatches } : { ...base, code: 'doi-ok' };
}

/** Verifies that a DOI exists and describes the entry's work (title, year, first author). */
export async function verifyDoi(
  client: RegistryClient,
  entry: Entry,
  raw: string,
  field: string,
  signal?: AbortLike,
): Promise<DoiResult> {
  const verdict = await verifyCitations(client, raw, [{ entry, field }], signal);
  const code = verdict.code === 'stopped' ? 'doi-unverifiable' : verdict.code;
  return {
    doi: verdict.doi,
    code,
    entry: entry.id,
    field,
    mismatches: verdict.mismatches.map(({ field, entry, registry }) => ({ field, entry, registry })),
    ...(verdict.detail !== undefined && { detail: verdict.detail }),
  };
}

/** Every DOI of an entry with the field it stands in. */
export function entryDois(entry: Entry): { doi: string; field: string }[] {
  const out = entry.doi ? [{ doi: entry.doi, field: 'doi' }] : [];
  entry.alternateDois?.forEach((doi, i) => {
    out.push({ doi, field: `alternateDois[${i}]` });
  });
  return out;
}
