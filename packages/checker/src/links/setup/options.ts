import type { LookupAddress } from 'node:dns';
import { parseStatusSpec, type StatusSet, type StatusSpec } from './status-set.js';

/** Limits and request settings for one host; every field falls back to the run-wide value. */
export interface HostOptions {
  concurrency?: number;
  /** Minimum time between the starts of two requests to the host, in ms. */
  interval?: number;
  headers?: Record<string, string>;
  accept?: StatusSpec;
  /** `get` for hosts that answer HEAD wrongly; the default tries HEAD first. */
  method?: 'head' | 'get';
}

/** A URL left out of the check; the reason is shown in reports so that exclusions stay justified. */
export type ExcludeRule = ({ host: string } | { pattern: string }) & { reason: string };

/** Resolves a host name to addresses; the default is the system resolver (dns.lookup). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface CheckOptions {
  /** Requests in flight across all hosts. */
  concurrency?: number;
  /** Requests in flight to one host. */
  hostConcurrency?: number;
  /** Minimum time between request starts to one host, in ms. */
  hostInterval?: number;
  /** Default for the three timeouts below, in ms. */
  timeout?: number;
  connectTimeout?: number;
  headersTimeout?: number;
  /** The longest a response body may take to read (the engine reads at most maxBody bytes of it). */
  bodyTimeout?: number;
  /** Everything spent on one URL once its first request starts: attempts, redirects, waits. */
  urlBudget?: number;
  /** The whole run; URLs not finished by then are reported as skipped (run-budget-exceeded). */
  budget?: number;
  /** Extra attempts after a transient failure (timeouts, resets, 5xx, 429). */
  retries?: number;
  /** First retry delay in ms; doubled for each further retry, with jitter. */
  retryDelay?: number;
  /** The longest Retry-After the engine waits, in ms; longer ones are shortened to this. */
  maxRetryAfter?: number;
  maxRedirects?: number;
  /** The most bytes read from any response body. */
  maxBody?: number;
  /** Permits private, loopback and link-local addresses (off by default: a link checker fetches URLs
   * written by others and must not be turned against the network it runs in). */
  allowPrivate?: boolean;
  userAgent?: string;
  headers?: Record<string, string>;
  /** Statuses that count as success; default 200-299. */
  accept?: StatusSpec;
  exclude?: readonly ExcludeRule[];
  /** Per-host settings, keyed by host name or `*.example.org` for a domain and its subdomains. */
  hosts?: Record<string, HostOptions>;
  resolve?: Resolve;
  /** Aborts the run like an exhausted budget. */
  signal?: AbortSignal;
}

export interface HostPolicy {
  concurrency: number;
  interval: number;
  headers: Record<string, string>;
  accept: StatusSet;
  method: 'head' | 'get';
}

export const DEFAULTS = {
  // Polite to the publishers that host most of the bibliography: a few requests at a time per host,
  // spaced out, while different hosts proceed in parallel.
  concurrency: 32,
  hostConcurrency: 2,
  hostInterval: 200,
  timeout: 10_000,
  urlBudget: 60_000,
  budget: 30 * 60_000,
  retries: 2,
  retryDelay: 1_000,
  maxRetryAfter: 60_000,
  maxRedirects: 10,
  maxBody: 1024 * 1024,
} as const;

export const DEFAULT_USER_AGENT = 'virtbib-link-checker/1 (+https://github.com/virtbib/virtbib)';

const BASE_HEADERS: Record<string, string> = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en',
  'accept-encoding': 'gzip, deflate, br',
};

export interface ResolvedOptions {
  concurrency: number;
  connectTimeout: number;
  headersTimeout: number;
  bodyTimeout: number;
  urlBudget: number;
  budget: number;
  retries: number;
  retryDelay: number;
  maxRetryAfter: number;
  maxRedirects: number;
  maxBody: number;
  allowPrivate: boolean;
  exclude: readonly ExcludeRule[];
  resolve?: Resolve;
  signal?: AbortSignal;
  policyFor(hostname: string): HostPolicy;
}

export function resolveOptions(options: CheckOptions = {}): ResolvedOptions {
  const timeout = options.timeout ?? DEFAULTS.timeout;
  const base: HostPolicy = {
    concurrency: options.hostConcurrency ?? DEFAULTS.hostConcurrency,
    interval: options.hostInterval ?? DEFAULTS.hostInterval,
    headers: lowerKeys({
      ...BASE_HEADERS,
      'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
      ...options.headers,
    }),
    accept: parseStatusSpec(options.accept ?? ['200-299']),
    method: 'head',
  };
  const hostRules = Object.entries(options.hosts ?? {}).map(([pattern, host]) => ({
    pattern: pattern.toLowerCase(),
    policy: {
      concurrency: host.concurrency ?? base.concurrency,
      interval: host.interval ?? base.interval,
      headers: { ...base.headers, ...lowerKeys(host.headers ?? {}) },
      accept: host.accept ? parseStatusSpec(host.accept) : base.accept,
      method: host.method ?? base.method,
    },
  }));
  // Exact names win over wildcards, longer wildcards over shorter ones.
  hostRules.sort((a, b) => specificity(b.pattern) - specificity(a.pattern));
  const cache = new Map<string, HostPolicy>();
  return {
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    connectTimeout: options.connectTimeout ?? timeout,
    headersTimeout: options.headersTimeout ?? timeout,
    bodyTimeout: options.bodyTimeout ?? timeout,
    urlBudget: options.urlBudget ?? DEFAULTS.urlBudget,
    budget: options.budget ?? DEFAULTS.budget,
    retries: options.retries ?? DEFAULTS.retries,
    retryDelay: options.retryDelay ?? DEFAULTS.retryDelay,
    maxRetryAfter: options.maxRetryAfter ?? DEFAULTS.maxRetryAfter,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    maxBody: options.maxBody ?? DEFAULTS.maxBody,
    allowPrivate: options.allowPrivate ?? false,
    exclude: options.exclude ?? [],
    resolve: options.resolve,
    signal: options.signal,
    policyFor(hostname) {
      let policy = cache.get(hostname);
      if (!policy) {
        policy = hostRules.find(({ pattern }) => hostMatches(hostname, pattern))?.policy ?? base;
        cache.set(hostname, policy);
      }
      return policy;
    },
  };
}

/** `example.org` matches itself; `*.example.org` matches example.org and any subdomain of it. */
export function hostMatches(hostname: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return hostname === pattern;
  const domain = pattern.slice(2);
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

function specificity(pattern: string): number {
  return pattern.startsWith('*.') ? pattern.length : 10_000 + pattern.length;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}
