import { isIP } from 'node:net';
import type { AbortLike } from './abort.js';
import { isPrivateAddress } from './address.js';
import type { LinkCode } from './codes.js';
import type { RunContext } from './context.js';
import { CookieJar } from './cookies.js';
import { classifyError } from './errors.js';
import type { HostState } from './host-state.js';
import { isRedirect, type Response, send } from './request.js';
import { parseRetryAfter } from './retry-after.js';
import type { Permit } from './scheduler.js';
import type { Hop } from './types.js';
import { bareHostname } from './url.js';

export interface Attempt {
  /** The last URL asked: the start, or where the redirects led. */
  url: URL;
  hops: Hop[];
  requests: number;
  response?: Response;
  failure?: { code: LinkCode; detail: string };
  /** What the server asked to wait before the next request (429, 503), capped. */
  retryAfter?: number;
}

/**
 * Statuses after which a HEAD is retried as GET at once: refusals (405, 501), errors a server may give
 * HEAD alone, and 503, which bot walls use and which only a body can tell from an outage. Not 429: asking
 * again at once would be the opposite of what the server asked for; nor other 5xx, which are retried.
 */
function headFallback(status: number): boolean {
  if (status === 429) return false;
  if (status >= 500 && status < 600) return status === 501 || status === 503;
  return status >= 400;
}

/**
 * One attempt at a URL: requests hop by hop, following redirects itself so that every hop is checked
 * (private addresses, schemes) and reported. HEAD goes first; GET follows when HEAD is refused or hangs.
 */
export async function attempt(
  ctx: RunContext,
  start: URL,
  signal: AbortLike,
  firstPermit?: Permit,
): Promise<Attempt> {
  const { options, scheduler } = ctx;
  const result: Attempt = { url: start, hops: [], requests: 0 };
  // Made on first need: most URLs set no cookie and do not redirect.
  let jar: CookieJar | undefined;
  let seen: Set<string> | undefined;
  let permit = firstPermit;
  const fail = (code: LinkCode, detail: string): Attempt =>
    Object.assign(result, { failure: { code, detail } });
  try {
    for (let url = start; ; ) {
      result.url = url;
      const hostname = bareHostname(url);
      if (!options.allowPrivate && isIP(hostname) !== 0 && isPrivateAddress(hostname))
        return fail('private-address', `${hostname} is a private or local address`);
      const host = scheduler.host(hostname);
      const cookie = jar?.header(hostname);
      if (result.hops.length > 0) {
        // The same URL with the same cookies again is a loop; with new cookies it is a session handshake.
        seen ??= new Set([`${start.href}\n`]);
        const visit = `${url.href}\n${cookie ?? ''}`;
        if (seen.has(visit)) return fail('redirect-loop', `${url.href} redirects back to itself`);
        seen.add(visit);
      }
      const headers = cookie ? { ...host.policy.headers, cookie } : host.policy.headers;

      // One permit covers the hop, HEAD and the GET after it: the fallback follows at once, before
      // another URL of the host can start, and what the HEAD taught (headRefused) applies to the next URL.
      const held = permit ?? (await scheduler.acquire(hostname, signal));
      permit = held;
      let response: Response;
      try {
        response = await askHeadThenGet(ctx, url, host, headers, signal, result);
      } catch (error) {
        const { code, detail } = classifyError(signal.aborted ? signal.reason : error);
        return fail(code, detail);
      } finally {
        scheduler.release(held);
        permit = undefined;
      }
      const setCookie = response.headers['set-cookie'];
      if (setCookie !== undefined) {
        jar ??= new CookieJar();
        jar.store(hostname, setCookie);
      }

      if (!isRedirect(response.status)) return Object.assign(result, { response });
      const location = header(response, 'location');
      if (!location) return fail('redirect-invalid', `${response.status} redirect without a Location header`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return fail('redirect-invalid', `Location "${location}" is not a URL`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return fail('redirect-invalid', `Location "${location}" is not an http(s) URL`);
      next.hash = '';
      result.hops.push({ url: url.href, status: response.status });
      if (result.hops.length > options.maxRedirects)
        return fail('redirect-limit', `more than ${options.maxRedirects} redirects`);
      url = next;
    }
  } finally {
    if (permit) scheduler.release(permit);
  }
}

/** HEAD first (unless the host is known to refuse it), then GET when HEAD is refused or hangs. */
async function askHeadThenGet(
  ctx: RunContext,
  url: URL,
  host: HostState<unknown>,
  headers: Record<string, string>,
  signal: AbortLike,
  result: Attempt,
): Promise<Response> {
  const { options } = ctx;
  let method: 'HEAD' | 'GET' = host.policy.method === 'get' || host.headRefused ? 'GET' : 'HEAD';
  for (;;) {
    result.requests++;
    let response: Response;
    try {
      response = await send(ctx.pools, url, method, headers, options, signal);
    } catch (error) {
      // A HEAD that hangs is a HEAD the server does not handle; GET may still work.
      if (method === 'GET' || signal.aborted || classifyError(error).code !== 'headers-timeout') throw error;
      host.headRefused = true;
      method = 'GET';
      continue;
    }
    // Noted before the permit goes back, so that a 429 pauses the host before its next request.
    noteHostResponse(host, response, options.maxRetryAfter, result);
    if (method === 'GET' || !headFallback(response.status)) return response;
    // A 503 that says when to come back is an outage, not a wall: honour it rather than ask again now.
    if (response.status === 503 && response.headers['retry-after'] !== undefined) return response;
    if (response.status === 405 || response.status === 501) host.headRefused = true;
    method = 'GET';
  }
}

function noteHostResponse(host: HostState<unknown>, response: Response, cap: number, result: Attempt): void {
  const now = Date.now();
  if (response.status === 429 || response.status === 503) {
    result.retryAfter = parseRetryAfter(header(response, 'retry-after'), now, cap);
    host.pushedBack(now, result.retryAfter);
  } else if (response.status < 400) host.succeeded();
}

function header(response: Response, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
