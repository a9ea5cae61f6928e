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
 * `{wayback}/wayback/available?url=...`. Returns undefined when there is none or the API cannot say.
 */
export async function closestSnapshot(
  client: RegistryClient,
  waybackBase: string,
  url: string,
): Promise<Snapshot | undefined> {
  const query = `${waybackBase.replace(/\/+$/, '')}/wayback/available?url=${encodeURIComponent(url)}`;
  const response = await client.get(query, 'application/json');
  if (!response.ok || response.status !== 200) return undefined;
  try {
    const closest = (
      JSON.parse(response.body) as { archived_snapshots?: { closest?: Record<string, unknown> } }
    ).archived_snapshots?.closest;
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
