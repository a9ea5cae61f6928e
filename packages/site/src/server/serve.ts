/**
 * A small static server for the built site: `npm run site:preview`, the browser tests and the benchmark
 * use it. It serves the folder under the site's base path as GitHub Pages does (the 404 page for unknown
 * addresses, index.html for a folder, gzip for text when the browser accepts it).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bib': 'text/x-bibtex; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.xml', '.svg', '.bib', '.ris', '.txt']);

export interface ServerOptions {
  /** The built site. */
  root: string;
  /** The path the site is served under, starting and ending with "/". */
  basePath?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  gzip?: boolean;
}

export interface RunningServer {
  /** The site's address, ending with "/". */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The file for a request path, or undefined when there is none inside the root. */
export function resolveFile(root: string, basePath: string, pathname: string): string | undefined {
  if (!pathname.startsWith(basePath)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(basePath.length));
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const full = normalize(join(root, relative));
  if (full !== normalize(root) && !full.startsWith(normalize(root) + sep)) return undefined;
  if (!existsSync(full)) return undefined;
  if (statSync(full).isDirectory()) {
    const index = join(full, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return full;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const basePath = options.basePath ?? '/';
  const gzip = options.gzip ?? true;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === basePath.slice(0, -1) || (url.pathname === '/' && basePath !== '/')) {
      response.writeHead(302, { location: basePath }).end();
      return;
    }
    // A folder asked without its slash: redirect, so that relative links resolve from inside it.
    const file = resolveFile(options.root, basePath, url.pathname);
    if (
      file?.endsWith(`${sep}index.html`) &&
      !url.pathname.endsWith('/') &&
      !url.pathname.endsWith('.html')
    ) {
      response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const notFound = join(options.root, '404.html');
    const path = file ?? (existsSync(notFound) ? notFound : undefined);
    if (!path) {
      response.writeHead(404, { 'content-type': TYPES['.txt']! }).end('Not found\n');
      return;
    }
    const ext = extname(path);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    const compress =
      gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding']));
    if (compress) {
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    } else headers['content-length'] = String(statSync(path).size);
    response.writeHead(file ? 200 : 404, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(path);
    const done = (error: Error | null) => {
      if (error) response.destroy(error);
    };
    if (compress) pipeline(stream, createGzip(), response, done);
    else pipeline(stream, response, done);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}${basePath}`,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
