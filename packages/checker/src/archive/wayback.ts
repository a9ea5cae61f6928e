import type { RegistryClient } from '../doi/client.js';

export interface Snapshot {
  /** The archived copy, as the Wayback Machine addresses it. */
  url: string;
  /** When it was captured, YYYYMMDDhhmmss. */
  timestamp: string;
  /** The HTTP status the page had when captured. */
  status?: string;
}

/**
 * Asks the Wayback Machine's availability API for the snapshot closest to now of a URL:
 * `{wayback}/wayback/available?url=...`. Tells "no snapshot" (the API answered) from "the API could not
 * be asked" (an error), so that a caller can stop asking an API that is down.
 */
export async function askWayback(
  client: RegistryClient,
  waybackBase: string,
  url: string,
): Promise<{ snapshot: Snapshot | undefined } | { error: string }> {
  const query = `${waybackBase.replace(/\/+$/, '')}/wayback/available?url=${encodeURIComponent(url)}`;
  const response = await client.get(query, 'application/json');
  if (!response.ok) return { error: response.error };
  if (response.status !== 200) return { error: `the Wayback API answered ${response.status}` };
  return { snapshot: parseAvailability(response.body) };
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
