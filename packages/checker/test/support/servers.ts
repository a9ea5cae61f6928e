import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { gzipSync } from 'node:zlib';

/**
 * Real HTTP servers on loopback addresses (127.0.0.2, 127.0.0.3, ... as distinct hosts) with scripted
 * behaviours, counting what they receive. Servers never outlive their test: tests close them, and a
 * timer closes any that are left after 30 s; they are unref'd so they never hold the process open.
 */

export interface Call {
  /** 1-based: the how-many-th request to this path this is. */
  n: number;
  server: TestServer;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, call: Call) => void;

export interface RequestRecord {
  method: string;
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  host: string;
  port: number;
  origin: string;
  url(path: string): string;
  requests: RequestRecord[];
  /** Requests to one path (or all), optionally with one method. */
  count(path?: string, method?: string): number;
  /** Requests being answered right now, and the most there ever were at once. */
  active: number;
  maxActive: number;
  /** TCP connections accepted: fewer than requests when keep-alive reuses them. */
  connections: number;
  /** Response bytes confirmed written to the socket, per path (for the large-body test). */
  bytesSent: Map<string, number>;
  close(): Promise<void>;
}

let nextAddress = 2;
/** A fresh loopback address for each server, so that each server is a distinct host to the checker. */
export function nextHost(): string {
  const n = nextAddress++;
  return `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}`;
}

const open = new Set<{ close(): Promise<void> }>();

/** Closes every server still open; call from afterEach. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((s) => s.close()));
}

/** Requests in flight across a group of servers, to check the global concurrency limit. */
export interface Counter {
  active: number;
  maxActive: number;
}

export async function startServer(
  routes: Record<string, Behaviour>,
  options: { host?: string; port?: number; fallback?: Behaviour; counter?: Counter } = {},
): Promise<TestServer> {
  const host = options.host ?? nextHost();
  const calls = new Map<string, number>();
  const sockets = new Set<Socket>();
  let server!: Server;
  const handle: TestServer = {
    host,
    port: 0,
    origin: '',
    url: (path) => `${handle.origin}${path}`,
    requests: [],
    count: (path, method) =>
      handle.requests.filter(
        (r) => (path === undefined || r.path === path) && (!method || r.method === method),
      ).length,
    active: 0,
    maxActive: 0,
    connections: 0,
    bytesSent: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        open.delete(handle);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    handle.requests.push({ method: req.method ?? '', path, at: Date.now(), headers: req.headers });
    const n = (calls.get(path) ?? 0) + 1;
    calls.set(path, n);
    const counter = options.counter ?? { active: 0, maxActive: 0 };
    handle.active++;
    counter.active++;
    handle.maxActive = Math.max(handle.maxActive, handle.active);
    counter.maxActive = Math.max(counter.maxActive, counter.active);
    res.on('close', () => {
      handle.active--;
      counter.active--;
    });
    const behaviour = routes[path.split('?')[0]!] ?? options.fallback ?? status(404);
    behaviour(req, res, { n, server: handle });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    handle.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  server.unref();
  handle.port = (server.address() as { port: number }).port;
  handle.origin = `http://${host}:${handle.port}`;
  open.add(handle);
  setTimeout(() => void handle.close(), 30_000).unref();
  return handle;
}

/** A TCP server that accepts connections and never says anything (a TLS handshake never completes). */
export async function startSilentTcp(): Promise<{ host: string; port: number; close(): Promise<void> }> {
  const host = nextHost();
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  server.unref();
  const handle = {
    host,
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        open.delete(handle);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.add(handle);
  setTimeout(() => void handle.close(), 30_000).unref();
  return handle;
}

/**
 * A raw TCP server on loopback: `onSocket` writes whatever bytes it likes, for answers no HTTP server
 * library would send (an endless stream of `102 Processing`).
 */
export async function startRawServer(
  onSocket: (socket: Socket) => void,
): Promise<{ host: string; port: number; origin: string; connections: number; close(): Promise<void> }> {
  const host = nextHost();
  const sockets = new Set<Socket>();
  const handle = {
    host,
    port: 0,
    origin: '',
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        open.delete(handle);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: TcpServer = createTcpServer((socket) => {
    handle.connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  server.unref();
  handle.port = (server.address() as { port: number }).port;
  handle.origin = `http://${host}:${handle.port}`;
  open.add(handle);
  setTimeout(() => void handle.close(), 30_000).unref();
  return handle;
}

/** Answers every request with `102 Processing`, again and again, and never with a final response. */
export function processingForever(everyMs: number): (socket: Socket) => void {
  return (socket) => {
    socket.once('data', () => {
      const timer = setInterval(() => socket.write('HTTP/1.1 102 Processing\r\n\r\n'), everyMs);
      socket.on('close', () => clearInterval(timer));
    });
  };
}

/** A port on a loopback host where nothing listens (connection refused). */
export async function closedPort(): Promise<{ host: string; port: number }> {
  const server = await startServer({});
  const { host, port } = server;
  await server.close();
  return { host, port };
}

// Behaviours -------------------------------------------------------------------------------------------

export function status(code: number, headers: Record<string, string | number> = {}, body = ''): Behaviour {
  return (_req, res) => {
    res.writeHead(code, { 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
}

export function redirect(code: number, location: string): Behaviour {
  return status(code, { location });
}

/** The n-th request gets the n-th behaviour; later ones get the last. */
export function sequence(...behaviours: Behaviour[]): Behaviour {
  return (req, res, call) => behaviours[Math.min(call.n, behaviours.length) - 1]!(req, res, call);
}

export function byMethod(methods: Record<string, Behaviour>, otherwise: Behaviour = status(405)): Behaviour {
  return (req, res, call) => (methods[req.method ?? ''] ?? otherwise)(req, res, call);
}

/** Never answers (until the server closes). */
export function hang(): Behaviour {
  return () => {};
}

export function delay(ms: number, then: Behaviour): Behaviour {
  return (req, res, call) => {
    const timer = setTimeout(() => {
      if (!res.destroyed) then(req, res, call);
    }, ms);
    res.on('close', () => clearTimeout(timer));
  };
}

/** 200 with a body that arrives one byte at a time, forever. */
export function trickle(everyMs: number): Behaviour {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('.'), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

/**
 * 200 with a body of `total` bytes, produced lazily in 64 KiB chunks as the socket takes them, so that
 * nothing near `total` is ever allocated. Bytes are counted when their write has been handed to the
 * kernel; the count stops when the client closes the connection.
 */
export function bigBody(total: number): Behaviour {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return (req, res, call) => {
    const path = req.url ?? '/';
    res.writeHead(200, { 'content-length': total, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') return res.end();
    let sent = 0;
    let queued = 0;
    const pump = () => {
      while (queued < total && !res.destroyed) {
        const size = Math.min(chunk.length, total - queued);
        queued += size;
        const ok = res.write(size === chunk.length ? chunk : chunk.subarray(0, size), (error) => {
          if (!error) {
            sent += size;
            call.server.bytesSent.set(path, sent);
          }
        });
        if (!ok) return void res.once('drain', pump);
      }
      if (queued >= total) res.end();
    };
    pump();
  };
}

/** Sends the headers and part of the body, then resets the connection. */
export function resetMidBody(): Behaviour {
  return (req, res) => {
    res.writeHead(200, { 'content-length': 100_000 });
    if (req.method === 'HEAD') return res.end();
    res.write('x'.repeat(1000));
    setTimeout(() => res.socket?.resetAndDestroy(), 20);
  };
}

export function gzipped(code: number, text: string, headers: Record<string, string> = {}): Behaviour {
  const body = gzipSync(text);
  return (_req, res) => {
    res.writeHead(code, {
      'content-encoding': 'gzip',
      'content-type': 'text/html',
      'content-length': body.length,
      ...headers,
    });
    res.end(body);
  };
}
