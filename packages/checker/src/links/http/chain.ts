import { isIP } from 'node:net';
import type { RunContext } from '../context.js';
import type { HostState } from '../pacing/host-state.js';
import type { Permit } from '../pacing/scheduler.js';
import type { LinkCode } from '../results/codes.js';
import { type Hop, NO_REDIRECTS } from '../types.js';
import type { AbortLike } from './abort.js';
import { isPrivateAddress } from './address.js';
import { CookieJar } from './cookies.js';
import { classifyError } from './errors.js';
import { isRedirect, type Response, send } from './request.js';
import { parseRetryAfter } from './retry-after.js';
import { hrefOf, type Target, targetOf } from './url.js';

export interface Attempt {
  /** The last URL asked: the start, or where the redirects led. */
  url: Target;
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
 * (private addresses, schemes) and reported. HEAD goes first (unless the host is known to refuse it);
 * GET follows when HEAD is refused or hangs.
 *
 * This runs for every URL: it allocates as little as it can (no closures, no copies, the redirect list
 * made only at a first redirect), which on a fast network is a visible share of the checker's time.
 */
export async function attempt(
  ctx: RunContext,
  start: Target,
  signal: AbortLike,
  firstPermit?: Permit,
): Promise<Attempt> {
  const { options, scheduler } = ctx;
  // Every field from the start, so that setting one later needs no new backing store.
  const result: Attempt = {
    url: start,
    hops: NO_REDIRECTS,
    requests: 0,
    response: undefined,
    failure: undefined,
    retryAfter: undefined,
  };
  // Made on first need: most URLs set no cookie and do not redirect.
  let jar: CookieJar | undefined;
  let seen: Set<string> | undefined;
  let permit = firstPermit;
  try {
    for (let url = start; ; ) {
      result.url = url;
      const { hostname } = url;
      if (!options.allowPrivate && isIP(hostname) !== 0 && isPrivateAddress(hostname))
        return failed(result, 'private-address', `${hostname} is a private or local address`);
      // The first hop's host comes with its permit: no lookup.
      const host = permit?.host.name === hostname ? permit.host : scheduler.host(hostname);
      const cookie = jar?.header(hostname);
      if (result.hops.length > 0) {
        // The same URL with the same cookies again is a loop; with new cookies it is a session handshake.
        seen ??= new Set([`${hrefOf(start)}\n`]);
        const visit = `${hrefOf(url)}\n${cookie ?? ''}`;
        if (seen.has(visit))
          return failed(result, 'redirect-loop', `${hrefOf(url)} redirects back to itself`);
        seen.add(visit);
      }
      const headers = cookie ? { ...host.policy.headers, cookie } : host.policy.headers;

      // One permit covers the hop, HEAD and the GET after it: the fallback follows at once, before
      // another URL of the host can start, and what the HEAD taught (headRefused) applies to the next URL.
      const held = permit ?? (await scheduler.acquire(hostname, signal));
      permit = held;
      let response: Response | undefined;
      let method: 'HEAD' | 'GET' = host.policy.method === 'get' || host.headRefused ? 'GET' : 'HEAD';
      try {
        while (response === undefined) {
          result.requests++;
          let answer: Response;
          try {
            answer = await send(ctx.pools, url, method, headers, options, signal, ctx.deadlines);
          } catch (error) {
            // A HEAD that hangs is a HEAD the server does not handle; GET may still work.
            if (method === 'GET' || signal.aborted || classifyError(error).code !== 'headers-timeout')
              throw error;
            host.headRefused = true;
            method = 'GET';
            continue;
          }
          // Noted before the permit goes back, so that a 429 pauses the host before its next request.
          noteHostResponse(host, answer, options.maxRetryAfter, result);
          if (
            method === 'GET' ||
            !headFallback(answer.status) ||
            // A 503 that says when to come back is an outage, not a wall: honour it, do not ask again now.
            (answer.status === 503 && answer.headers['retry-after'] !== undefined)
          )
            response = answer;
          else {
            if (answer.status === 405 || answer.status === 501) host.headRefused = true;
            method = 'GET';
          }
        }
      } catch (error) {
        const { code, detail } = classifyError(signal.aborted ? signal.reason : error);
        return failed(result, code, detail);
      } finally {
        scheduler.release(held);
        permit = undefined;
      }
      const setCookie = response.headers['set-cookie'];
      if (setCookie !== undefined) {
        jar ??= new CookieJar();
        jar.store(hostname, setCookie);
      }

      if (!isRedirect(response.status)) {
        result.response = response;
        return result;
      }
      const location = header(response, 'location');
      if (!location)
        return failed(result, 'redirect-invalid', `${response.status} redirect without a Location header`);
      let next: URL;
      try {
        next = new URL(location, hrefOf(url));
      } catch {
        return failed(result, 'redirect-invalid', `Location "${location}" is not a URL`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return failed(result, 'redirect-invalid', `Location "${location}" is not an http(s) URL`);
      if (result.hops === NO_REDIRECTS) result.hops = [];
      result.hops.push({ url: hrefOf(url), status: response.status });
      if (result.hops.length > options.maxRedirects)
        return failed(result, 'redirect-limit', `more than ${options.maxRedirects} redirects`);
      url = targetOf(next);
    }
  } finally {
    if (permit) scheduler.release(permit);
  }
}

function failed(result: Attempt, code: LinkCode, detail: string): Attempt {
  result.failure = { code, detail };
  return result;
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
