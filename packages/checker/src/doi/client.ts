import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { Agent, request } from 'undici';
import { type AbortLike, sleep } from '../links/http/abort.js';
import { guardedLookup, isPrivateAddress } from '../links/http/address.js';
import { parseRetryAfter } from '../links/http/retry-after.js';
import type { Resolve } from '../links/setup/options.js';
import { RateGate } from './rate-gate.js';

export interface RegistryClientOptions {
  /** Base of the DOI resolver, for the handle API and content negotiation. */
  resolver?: string;
  /** Contact address put in the User-Agent, as Crossref asks of polite clients. */
  mailto?: string;
  userAgent?: string;
  /** The most one request may take, from connecting to the last byte of its body, in ms. */
  timeout?: number;
  /** Extra attempts after a transient failure (timeout, reset, 5xx, 429). */
  retries?: number;
  retryDelay?: number;
  /** The longest wait that a Retry-After or rate-limit header can impose, in ms. */
  maxRetryAfter?: number;
  /** Requests in flight to one registry host; kept low, registries are shared by everyone. */
  concurrency?: number;
  maxBody?: number;
  maxRedirects?: number;
  allowPrivate?: boolean;
  resolve?: Resolve;
}

export type Fetched =
  | {
      ok: true;
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: string;
      url: string;
    }
  /**
   * `stopped`: the run stopped (its budget, or Ctrl+C) before an answer; nothing was learned.
   * `final`: asking again would give the same failure (a name that does not exist, a refused address).
   */
  | { ok: false; error: string; stopped?: true; final?: true };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Resolver errors: the name could not be resolved (it does not exist, or no resolver answered). */
const DNS_ERRORS = new Set(['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'ESERVFAIL', 'ETIMEOUT']);
/** Failures that are answers, not hiccups: retrying them only spends the budget. */
const FINAL_ERRORS = new Set(['ENOTFOUND', 'ENODATA', 'ERR_VIRTBIB_PRIVATE_ADDRESS']);

/** Thrown into a request that is not complete within its deadline. */
class RequestDeadlineError extends Error {}

/**
 * A small HTTP client for registries (doi.org, the agencies it redirects to, the Wayback API): GET only,
 * redirects followed hop by hop, transient failures retried with backoff and Retry-After, bodies read up
 * to a cap, one polite rate gate per host, and the private-address guard of the link checker.
 *
 * Every request has a total deadline (`timeout`, from connecting to the last byte: a body that trickles
 * or an endless stream of `102 Processing` ends there), every wait is capped (`maxRetryAfter`), and a
 * `signal` given to `get` (the run's budget, Ctrl+C) ends all of it at once.
 */
export class RegistryClient {
  readonly resolver: string;
  /** What the network did for this client: whether any server answered, which names failed to resolve. */
  readonly network = { answered: false, unresolved: new Set<string>() };
  private readonly agent: Agent;
  private readonly gates = new Map<string, RateGate>();
  private readonly settings: Required<
    Omit<RegistryClientOptions, 'resolve' | 'mailto' | 'resolver' | 'userAgent'>
  > & {
    userAgent: string;
  };

  constructor(options: RegistryClientOptions = {}) {
    this.resolver = (options.resolver ?? 'https://doi.org').replace(/\/+$/, '');
    const contact = options.mailto ? `; mailto:${options.mailto}` : '';
    this.settings = {
      timeout: options.timeout ?? 15_000,
      retries: options.retries ?? 2,
      retryDelay: options.retryDelay ?? 1000,
      maxRetryAfter: options.maxRetryAfter ?? 60_000,
      concurrency: options.concurrency ?? 2,
      maxBody: options.maxBody ?? 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      allowPrivate: options.allowPrivate ?? false,
      userAgent: options.userAgent ?? `virtbib (+https://github.com/virtbib/virtbib${contact})`,
    };
    this.agent = new Agent({
      connect: {
        timeout: this.settings.timeout,
        lookup: guardedLookup(this.settings.allowPrivate, options.resolve),
      },
      keepAliveTimeout: 10_000,
    });
  }

  private gate(host: string): RateGate {
    let gate = this.gates.get(host);
    if (!gate) {
      gate = new RateGate(this.settings.concurrency, 0, this.settings.maxRetryAfter);
      this.gates.set(host, gate);
    }
    return gate;
  }

  /** GETs a URL, following redirects and retrying transient failures; never throws. */
  async get(url: string, accept: string, signal?: AbortLike): Promise<Fetched> {
    let current = url;
    for (let hop = 0; hop <= this.settings.maxRedirects; hop++) {
      const response = await this.attempt(current, accept, signal);
      if (!response.ok || !REDIRECTS.has(response.status)) return response;
      const location = response.headers.location;
      if (typeof location !== 'string')
        return { ok: false, error: `redirect without a Location from ${current}` };
      try {
        current = new URL(location, current).href;
      } catch {
        return { ok: false, error: `malformed Location "${location}" from ${current}` };
      }
    }
    return { ok: false, error: `more than ${this.settings.maxRedirects} redirects from ${url}` };
  }

  private async attempt(url: string, accept: string, signal: AbortLike | undefined): Promise<Fetched> {
    const host = new URL(url).host;
    const gate = this.gate(host);
    let last: Fetched = { ok: false, error: 'not attempted' };
    for (let attempt = 0; attempt <= this.settings.retries; attempt++) {
      try {
        await gate.acquire(signal);
      } catch (error) {
        return stopped(error);
      }
      try {
        last = await this.once(url, accept, signal);
        if (last.ok) gate.learn(last.headers);
      } finally {
        gate.release();
      }
      if (!last.ok && (last.stopped || last.final)) return last;
      if (last.ok && last.status !== 429 && last.status < 500) return last;
      if (attempt === this.settings.retries) break;
      let wait: number | undefined;
      if (last.ok) {
        const header = last.headers['retry-after'];
        wait = parseRetryAfter(
          typeof header === 'string' ? header : undefined,
          Date.now(),
          this.settings.maxRetryAfter,
        );
        // The whole host was asked to wait, not just this request.
        if (wait !== undefined) gate.pauseFor(wait);
      }
      const backoff = this.settings.retryDelay * 2 ** attempt * (0.5 + Math.random());
      try {
        await sleep(Math.min(wait ?? backoff, this.settings.maxRetryAfter), signal);
      } catch (error) {
        return stopped(error);
      }
    }
    return last;
  }

  private async once(url: string, accept: string, signal: AbortLike | undefined): Promise<Fetched> {
    // Connections to an IP literal skip the resolver, and with it the lookup guard: check them here.
    const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!this.settings.allowPrivate && isIP(hostname) && isPrivateAddress(hostname)) {
      return { ok: false, error: `${hostname} is a private or local address (refused)`, final: true };
    }
    if (signal?.aborted) return stopped(signal.reason);
    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(new RequestDeadlineError(`no complete response within ${this.settings.timeout} ms`)),
      this.settings.timeout,
    );
    const onStop = () => deadline.abort(signal?.reason);
    signal?.addEventListener('abort', onStop, { once: true });
    let response: Dispatcher.ResponseData | undefined;
    try {
      response = await request(url, {
        dispatcher: this.agent,
        method: 'GET',
        headers: { accept, 'user-agent': this.settings.userAgent },
        headersTimeout: this.settings.timeout,
        bodyTimeout: this.settings.timeout,
        signal: deadline.signal,
      });
      this.network.answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > this.settings.maxBody) {
          response.body.destroy();
          return { ok: false, error: `response from ${url} is larger than ${this.settings.maxBody} bytes` };
        }
        chunks.push(chunk as Buffer);
      }
      return {
        ok: true,
        status: response.statusCode,
        headers: response.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        url,
      };
    } catch (error) {
      response?.body.destroy();
      if (signal?.aborted) return stopped(signal.reason);
      const reason = deadline.signal.aborted ? deadline.signal.reason : error;
      const err = reason as NodeJS.ErrnoException;
      const code = err.code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code;
      if (code && DNS_ERRORS.has(code)) this.network.unresolved.add(hostname);
      const message = `${code ?? err.name}: ${err.message}`;
      return code && FINAL_ERRORS.has(code)
        ? { ok: false, error: message, final: true }
        : { ok: false, error: message };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onStop);
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

function stopped(reason: unknown): Fetched {
  return { ok: false, error: (reason as Error | undefined)?.message ?? 'the run stopped', stopped: true };
}

/** A DOI as a URL path: every character outside the unreserved set is percent-encoded, slashes kept. */
export function doiPath(doi: string): string {
  return doi
    .split('/')
    .map((part) =>
      encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}
