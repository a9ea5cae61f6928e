import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Behaviour, startServer, type TestServer } from './servers.js';

/** What the fake registry knows about one DOI. */
export interface FakeDoi {
  /** The handle API's answer: a responseCode, raw text (malformed JSON), or a sequence of HTTP statuses before it. */
  handle?: { responseCode: number } | { raw: string };
  /** Statuses the handle API answers first (e.g. 503, 503) before the real answer. */
  handleFailures?: { status: number; headers?: Record<string, string> }[];
  /** CSL-JSON served by the agency after content negotiation; absent = 404 there. */
  csl?: Record<string, unknown> | { raw: string };
}

export interface FakeRegistry {
  resolver: TestServer;
  agency: TestServer;
  /** Decoded DOIs the handle API was asked about, in order. */
  handleQueries: string[];
  /** The raw request paths the resolver saw (to check percent-encoding). */
  rawPaths: string[];
}

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/**
 * A fake doi.org (handle API and content negotiation) that redirects metadata requests to a fake
 * Crossref on another loopback host, which sends Crossref's rate-limit headers. Both are real HTTP servers.
 */
export async function startRegistry(dois: Record<string, FakeDoi>): Promise<FakeRegistry> {
  const handleQueries: string[] = [];
  const rawPaths: string[] = [];
  const failuresSeen = new Map<string, number>();
  const lookup = (encoded: string) => {
    const doi = decodeURIComponent(encoded).toLowerCase();
    return { doi, known: dois[doi] };
  };
  const agencyBehaviour: Behaviour = (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/works\/(.+)\/transform$/.exec(req.url ?? '');
    const { known } = lookup(match?.[1] ?? '');
    const limits = { 'x-rate-limit-limit': '50', 'x-rate-limit-interval': '1s' };
    if (!known?.csl) return json(res, 404, '"Resource not found."', limits);
    json(res, 200, 'raw' in known.csl ? (known.csl.raw as string) : JSON.stringify(known.csl), limits);
  };
  const agency = await startServer({}, { fallback: agencyBehaviour });
  const resolverBehaviour: Behaviour = (req, res) => {
    const url = req.url ?? '/';
    rawPaths.push(url);
    const handle = /^\/api\/handles\/(.+)$/.exec(url);
    if (handle) {
      const { doi, known } = lookup(handle[1]!);
      handleQueries.push(doi);
      const failures = known?.handleFailures ?? [];
      const seen = failuresSeen.get(doi) ?? 0;
      if (seen < failures.length) {
        failuresSeen.set(doi, seen + 1);
        const failure = failures[seen]!;
        return json(res, failure.status, '{"message":"try later"}', failure.headers);
      }
      if (!known) return json(res, 404, JSON.stringify({ responseCode: 100, handle: doi }));
      const answer = known.handle ?? { responseCode: 1 };
      if ('raw' in answer) return json(res, 200, answer.raw);
      const status = answer.responseCode === 100 ? 404 : 200;
      return json(res, status, JSON.stringify({ ...answer, handle: doi }));
    }
    // Content negotiation: the resolver redirects to the agency that registered the DOI.
    const doi = url.slice(1);
    res.writeHead(302, { location: `${agency.origin}/works/${doi}/transform`, 'content-length': 0 });
    res.end();
  };
  const resolver = await startServer({}, { fallback: resolverBehaviour });
  return { resolver, agency, handleQueries, rawPaths };
}
