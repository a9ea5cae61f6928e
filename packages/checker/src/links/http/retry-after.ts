/**
 * Reads a Retry-After header: delay-seconds or an HTTP-date. Returns the wait in ms, capped, or undefined
 * when the header is absent or unreadable (the caller then falls back to its own backoff).
 */
export function parseRetryAfter(value: string | undefined, now: number, cap: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let wait: number;
  if (/^\d+$/.test(text)) wait = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    wait = at - now;
  }
  return Math.min(Math.max(wait, 0), cap);
}
