import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { Agent, request } from 'undici';
import { guardedLookup, isPrivateAddress } from '../links/address.js';
import type { Resolve } from '../links/options.js';
import { parseRetryAfter } from '../links/retry-after.js';
import { RateGate } from './rate-gate.js';

export interface RegistryClientOptions {
  /** Base of the DOI resolver, for the handle API and content negotiation. */
  resolver?: string;
  /** Contact address put in the User-Agent, as Crossref asks of polite clients. */
  mailto?: string;
  userAgent?: string;
  /** Headers and body timeout of one request, in ms. */
  timeout?: number;
  /** Extra attempts after a transient failure (timeout, reset, 5xx, 429). */
  retries?: number;
  retryDelay?: number;
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
  | { ok: false; error: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A small HTTP client for registries (doi.org, the agencies it redirects to, the Wayback API): GET only,
 * redirects followed hop by hop, transient failures retried with backoff and Retry-After, bodies read up
 * to a cap, one polite rate gate per host, and the private-address guard of the link checker.
 */
export class RegistryClient {
  readonly resolver: string;
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
      gate = new RateGate(this.settings.concurrency, 0);
      this.gates.set(host, gate);
    }
    return gate;
  }

  /** GETs a URL, following redirects and retrying transient failures; never throws. */
  async get(url: string, accept: string): Promise<Fetched> {
    let current = url;
    for (let hop = 0; hop <= this.settings.maxRedirects; hop++) {
      const response = await this.attempt(current, accept);
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

  private async attempt(url: string, accept: string): Promise<Fetched> {
    const host = new URL(url).host;
    let last: Fetched = { ok: false, error: 'not attempted' };
    for (let attempt = 0; attempt <= this.settings.retries; attempt++) {
      const gate = this.gate(host);
      await gate.acquire();
      let wait: number | undefined;
      try {
        last = await this.once(url, accept);
        if (last.ok) gate.learn(last.headers);
      } finally {
        gate.release();
      }
      if (last.ok && last.status !== 429 && last.status < 500) return last;
      if (attempt === this.settings.retries) break;
      if (last.ok) {
        const header = last.headers['retry-after'];
        wait = parseRetryAfter(
          typeof header === 'string' ? header : undefined,
          Date.now(),
          this.settings.maxRetryAfter,
        );
      }
      const backoff = this.settings.retryDelay * 2 ** attempt * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, wait ?? backoff));
    }
    return last;
  }

  private async once(url: string, accept: string): Promise<Fetched> {
    // Connections to an IP literal skip the resolver, and with it the lookup guard: check them here.
    const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!this.settings.allowPrivate && isIP(hostname) && isPrivateAddress(hostname)) {
      return { ok: false, error: `${hostname} is a private or local address (refused)` };
    }
    let response: Dispatcher.ResponseData | undefined;
    try {
      response = await request(url, {
        dispatcher: this.agent,
        method: 'GET',
        headers: { accept, 'user-agent': this.settings.userAgent },
        headersTimeout: this.settings.timeout,
        bodyTimeout: this.settings.timeout,
      });
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
      const err = error as NodeJS.ErrnoException;
      return { ok: false, error: `${err.code ?? err.name}: ${err.message}` };
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
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
