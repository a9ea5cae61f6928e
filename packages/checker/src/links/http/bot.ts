/**
 * Recognizes bot protection (Cloudflare, Akamai, AWS WAF, DataDome, Imperva, Sucuri, PerimeterX...). A
 * page behind it works for people in browsers, so it is reported as unverifiable, never as dead.
 */

type Headers = Record<string, string | string[] | undefined>;

/** Statuses that bot walls answer with; 999 is LinkedIn's. */
const WALL_STATUSES = new Set([403, 429, 503, 999]);

/** Headers that mark a challenge whatever the status (AWS WAF challenges come with 202). */
const CHALLENGE_HEADERS = ['cf-mitigated', 'x-amzn-waf-action'];

/** Headers a wall's vendor adds; a marker only together with a wall status. */
const VENDOR_HEADERS = ['cf-ray', 'x-datadome', 'x-sucuri-id', 'x-iinfo', 'x-px-block', 'akamai-grn'];
const VENDOR_SERVERS = /cloudflare|akamai|ddos-guard|sucuri|imperva|incapsula|datadome|kasada/i;

const BODY_MARKERS = [
  'captcha',
  'just a moment',
  'access denied',
  'attention required',
  'checking your browser',
  'cf-browser-verification',
  'cf_chl_',
  'enable javascript and cookies',
  'are you a robot',
  'are you a human',
  'unusual traffic',
  'request unsuccessful. incapsula',
  'ddos protection',
  'bot detection',
];

/** A header that says the response is a challenge, not the page, whatever its status. */
export function challengeHeader(headers: Headers): string | undefined {
  for (const name of CHALLENGE_HEADERS) if (headers[name] !== undefined) return `header ${name}`;
  return undefined;
}

/** The marker that gives a wall away, or undefined. `body` is the decoded start of the body, if read. */
export function botProtectionMarker(status: number, headers: Headers, body?: string): string | undefined {
  const challenge = challengeHeader(headers);
  if (challenge) return challenge;
  if (!WALL_STATUSES.has(status)) return undefined;
  if (status === 999) return 'status 999';
  for (const name of VENDOR_HEADERS) if (headers[name] !== undefined) return `header ${name}`;
  const server = headers.server;
  if (typeof server === 'string' && VENDOR_SERVERS.test(server)) return `server: ${server}`;
  if (body) {
    const lower = body.toLowerCase();
    const marker = BODY_MARKERS.find((m) => lower.includes(m));
    if (marker) return `body "${marker}"`;
  }
  return undefined;
}

/** Whether the body is worth reading to look for markers. */
export function mayBeWall(status: number): boolean {
  return WALL_STATUSES.has(status);
}
