import type { Dispatcher } from 'undici';
import type { AbortLike } from './abort.js';
import { decodeHead } from './body.js';
import { mayBeWall } from './bot.js';
import { BodyDeadlineError, HeadersDeadlineError } from './errors.js';
import type { Pools } from './pools.js';

export type Headers = Record<string, string | string[] | undefined>;

export interface Response {
  status: number;
  headers: Headers;
  /** The decoded start of the body, read only for statuses that bot walls use. */
  text?: string;
  bodyBytes: number;
}

export interface RequestSettings {
  headersTimeout: number;
  bodyTimeout: number;
  maxBody: number;
}

/** How much of an error page is read to look for bot-protection markers: they sit near the top. */
const SNIFF_BYTES = 64 * 1024;
/** Small error bodies are read to the end so that the connection can be reused. */
const DRAIN_BYTES = 64 * 1024;

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Ends a read on purpose once enough of the body has arrived. */
class EnoughRead extends Error {}

/**
 * Sends one request and reads as much of the body as the verdict needs: nothing after HEAD; for a GET
 * that succeeded, up to maxBody (which proves the body arrives); the first 64 KiB of pages that might be a
 * bot wall; at most 64 KiB of anything else. Reading stops by aborting the request, which closes the
 * connection; a body read to its end leaves the connection for the next request.
 *
 * This uses undici's dispatch API rather than request(): checking a link needs no body stream, and
 * not building one per response is most of the cost of a HEAD on a fast network.
 */
export function send(
  pools: Pools,
  url: URL,
  method: 'HEAD' | 'GET',
  headers: Record<string, string>,
  settings: RequestSettings,
  signal: AbortLike,
): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<Response>((resolve, reject) => {
    const exchange = new Exchange(method, settings, signal, resolve, reject);
    pools.for(url).dispatch(
      {
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        headersTimeout: settings.headersTimeout,
        bodyTimeout: settings.bodyTimeout,
        // undici closes the connection after every HEAD by default, in case a server sends a body anyway.
        // Link checking is mostly HEAD, so that would mean a new connection per URL; a server that does
        // send a body garbles the next response on the connection, which fails as protocol-error and is
        // retried on a fresh connection.
        reset: false,
      },
      exchange,
    );
  });
}

/** One request's handler: collects status, headers and as much body as needed, then settles once. */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private pendingAbort: Error | undefined;
  private settled = false;
  private status = 0;
  private headers: Headers = {};
  private bytes = 0;
  private limit = DRAIN_BYTES;
  private keep = 0;
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.abort(this.signal.reason as Error);

  constructor(
    private readonly method: 'HEAD' | 'GET',
    private readonly settings: RequestSettings,
    private readonly signal: AbortLike,
    private readonly resolve: (response: Response) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    signal.addEventListener('abort', this.onAbort, { once: true });
    // A deadline of our own for the final response headers: undici restarts its headers timeout at every
    // informational response, so a server sending `102 Processing` forever would never time out there.
    this.timer = setTimeout(
      () =>
        this.abort(
          new HeadersDeadlineError(`no final response headers within ${settings.headersTimeout} ms`),
        ),
      settings.headersTimeout,
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.pendingAbort) controller.abort(this.pendingAbort);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: Headers): void {
    if (status < 200) return; // 1xx: the real response follows
    clearTimeout(this.timer);
    this.timer = undefined;
    this.status = status;
    this.headers = headers;
    if (this.method === 'HEAD') return;
    const sniff = mayBeWall(status);
    this.limit = Math.min(
      status >= 200 && status < 300 ? this.settings.maxBody : DRAIN_BYTES,
      this.settings.maxBody,
    );
    this.keep = sniff ? SNIFF_BYTES : 0;
    if (sniff) this.limit = Math.min(this.limit, SNIFF_BYTES);
    // undici's body timeout only bounds the gap between two chunks: a trickle would go on forever.
    this.timer = setTimeout(
      () => this.abort(new BodyDeadlineError(`the body took longer than ${this.settings.bodyTimeout} ms`)),
      this.settings.bodyTimeout,
    );
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.keptBytes < this.keep) {
      const part = chunk.subarray(0, this.keep - this.keptBytes);
      this.kept.push(Buffer.from(part));
      this.keptBytes += part.length;
    }
    if (this.bytes >= this.limit) this.abort(new EnoughRead());
  }

  onResponseEnd(): void {
    this.succeed();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (error instanceof EnoughRead) this.succeed();
    else this.fail(error);
  }

  private abort(reason: Error): void {
    if (this.controller) this.controller.abort(reason);
    else {
      // Still queued for a connection: settle now, cancel when undici gets to it.
      this.pendingAbort = reason;
      if (reason instanceof EnoughRead) this.succeed();
      else this.fail(reason);
    }
  }

  private succeed(): void {
    if (this.settled) return;
    this.cleanup();
    const response: Response = { status: this.status, headers: this.headers, bodyBytes: this.bytes };
    if (this.keep > 0) {
      const encoding = this.headers['content-encoding'];
      response.text = decodeHead(
        Buffer.concat(this.kept),
        typeof encoding === 'string' ? encoding : undefined,
        4 * 1024 * 1024,
      );
    }
    this.resolve(response);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.cleanup();
    this.reject(error);
  }

  private cleanup(): void {
    this.settled = true;
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
  }
}
