import type { Dispatcher } from 'undici';
import type { Deadline, Deadlines } from '../pacing/deadlines.js';
import type { AbortLike } from './abort.js';
import { decodeHead } from './body.js';
import { mayBeWall } from './bot.js';
import { BodyDeadlineError, HeadersDeadlineError } from './errors.js';
import type { Pools } from './pools.js';
import type { Target } from './url.js';

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

/** Ends a read on purpose once enough of the body has arrived. One instance: it is a signal, not an
 * error anyone sees, and building an Error (its stack trace) per response costs microseconds. */
class EnoughRead extends Error {}
const ENOUGH_READ = new EnoughRead('enough of the body was read');

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
  target: Target,
  method: 'HEAD' | 'GET',
  headers: Record<string, string>,
  settings: RequestSettings,
  signal: AbortLike,
  deadlines: Deadlines,
): Promise<Response> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<Response>((resolve, reject) => {
    const exchange = new Exchange(method, settings, signal, deadlines, resolve, reject);
    pools.for(target).dispatch(
      {
        path: target.path,
        method,
        headers,
        // The exchange keeps the headers and body deadlines itself (see Exchange); undici's own timers,
        // one or two per request, would only duplicate them.
        headersTimeout: 0,
        bodyTimeout: 0,
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

/**
 * One request's handler: collects status, headers and as much body as needed, then settles once. It is
 * also its own deadline (headers, then body) and its own abort listener, so that a request allocates no
 * closures for either.
 */
class Exchange implements Dispatcher.DispatchHandler, Deadline {
  at = 0;
  slot = -1;
  /** Which deadline is watched: the final headers, then the body. */
  private phase: 'headers' | 'body' = 'headers';
  private controller: Dispatcher.DispatchController | undefined;
  private pendingAbort: Error | undefined;
  private settled = false;
  private status = 0;
  private headers: Headers = {};
  private bytes = 0;
  private limit = DRAIN_BYTES;
  private keep = 0;
  private kept: Buffer[] | undefined;
  private keptBytes = 0;

  constructor(
    private readonly method: 'HEAD' | 'GET',
    private readonly settings: RequestSettings,
    private readonly signal: AbortLike,
    private readonly deadlines: Deadlines,
    private readonly resolve: (response: Response) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    signal.addEventListener('abort', this);
    // The deadline for the final response headers, kept here rather than by undici, which restarts its
    // headers timeout at every informational response: a server sending `102 Processing` forever would
    // never time out there.
    deadlines.watch(this, settings.headersTimeout);
  }

  /** The URL's signal was aborted (its budget, the run's). */
  handleEvent(): void {
    this.abort(this.signal.reason as Error);
  }

  /** The watched deadline passed. */
  expire(): void {
    this.abort(
      this.phase === 'headers'
        ? new HeadersDeadlineError(`no final response headers within ${this.settings.headersTimeout} ms`)
        : new BodyDeadlineError(`the body took longer than ${this.settings.bodyTimeout} ms`),
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.pendingAbort) controller.abort(this.pendingAbort);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: Headers): void {
    if (status < 200) return; // 1xx: the real response follows
    this.deadlines.clear(this);
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
    // A deadline for the whole body (undici's timeout would only bound the gap between two chunks, and a
    // trickle would go on forever).
    this.phase = 'body';
    this.deadlines.watch(this, this.settings.bodyTimeout);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.keptBytes < this.keep) {
      const part = chunk.subarray(0, this.keep - this.keptBytes);
      this.kept ??= [];
      this.kept.push(Buffer.from(part));
      this.keptBytes += part.length;
    }
    if (this.bytes >= this.limit) this.abort(ENOUGH_READ);
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
        Buffer.concat(this.kept ?? []),
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
    this.deadlines.clear(this);
    this.signal.removeEventListener('abort', this);
  }
}
