import type { RegistryClient } from '../doi/client.js';
import type { AbortLike } from '../links/http/abort.js';

export interface Snapshot {
  /** The archived copy, as the Wayback Machine addresses it. */
  url: string;
  /** When it was captured, YYYYMMDDhhmmss. */
  timestamp: string;
  /** The HTTP status the page had when captured. */
  status?: string;
}

export type WaybackAnswer = { snapshot: Snapshot | undefined } | { error: string; stopped?: true };

/**
 * Asks the Wayback Machine's availability API for the snapshot closest to now of a URL:
 * `{wayback}/wayback/available?url=...`. Tells "no snapshot" (the API answered) from "the API could not
 * be asked" (an error), so that a caller can stop asking an API that is down. What the API answers is
 * input like any other: a snapshot is only taken when it is an http(s) URL on the archive's own host.
 */
export async function askWayback(
  client: RegistryClient,
  waybackBase: string,
  url: string,
  signal?: AbortLike,
): Promise<WaybackAnswer> {
  const query = `${waybackBase.replace(/\/+$/, '')}/wayback/available?url=${encodeURIComponent(url)}`;
  const response = await client.get(query, 'application/json', signal);
  if (!response.ok)
    return response.stopped ? { error: response.error, stopped: true } : { error: response.error };
  if (response.status !== 200) return { error: `the Wayback API answered ${response.status}` };
  const snapshot = parseAvailability(response.body);
  return { snapshot: snapshot && isArchiveUrl(snapshot.url, waybackBase) ? snapshot : undefined };
}

/** The closest working snapshot, or undefined when there is none or the API cannot say. */
export async function closestSnapshot(
  client: RegistryClient,
  waybackBase: string,
  url: string,
): Promise<Snapshot | undefined> {
  const answer = await askWayback(client, waybackBase, url);
  return 'snapshot' in answer ? answer.snapshot : undefined;
}

/**
 * Whether a URL is a page of the archive itself: http(s), no credentials, on the API's host or one of
 * its subdomains (the default API, archive.org, serves snapshots from web.archive.org). Anything else an
 * API answers (`javascript:`, another site) is never suggested, let alone written into an entry.
 */
export function isArchiveUrl(url: string, waybackBase: string): boolean {
  let parsed: URL;
  let archive: string;
  try {
    parsed = new URL(url);
    archive = new URL(waybackBase).hostname.toLowerCase();
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    !parsed.username &&
    !parsed.password &&
    (host === archive || host.endsWith(`.${archive}`))
  );
}

/** doi.org addresses redirect to the publisher; an archived copy of one is never what a reader needs. */
const DOI_RESOLVERS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);

export function isDoiResolverUrl(url: string): boolean {
  try {
    return DOI_RESOLVERS.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

function parseAvailability(body: string): Snapshot | undefined {
  try {
    const closest = (JSON.parse(body) as { archived_snapshots?: { closest?: Record<string, unknown> } })
      .archived_snapshots?.closest;
    if (closest?.available !== true || typeof closest.url !== 'string') return undefined;
    // Only a capture of a working page is worth linking to.
    if (closest.status !== undefined && String(closest.status) !== '200') return undefined;
    return {
      url: closest.url.replace(/^http:\/\/web\.archive\.org\//, 'https://web.archive.org/'),
      timestamp: String(closest.timestamp ?? ''),
      ...(closest.status !== undefined && { status: String(closest.status) }),
    };
  } catch {
    return undefined;
  }
}
