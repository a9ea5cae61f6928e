import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../src/build.js';
import { type RunningServer, startServer } from '../src/server/serve.js';
import { fixtureSite, tempDir } from './helpers.js';

/** A raw GET (no URL normalization by a client library), with the headers it is told. */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ hostname, port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the preview server', () => {
  const temp = tempDir('serve');
  let server: RunningServer;
  beforeAll(async () => {
    writeSite(fixtureSite(), join(temp.dir, 'site'));
    server = await startServer({ root: join(temp.dir, 'site'), basePath: '/virtbib/', host: '127.0.0.2' });
  });
  afterAll(async () => {
    await server?.close();
    temp.remove();
  });

  it('serves the site under its base path, on the loopback address it was given', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/virtbib\/$/);
    const home = await get(server.url, '/virtbib/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body.toString()).toContain('<h1>virtbib');
    expect((await get(server.url, '/')).headers.location).toBe('/virtbib/');
    expect((await get(server.url, '/virtbib')).headers.location).toBe('/virtbib/');
    expect((await get(server.url, '/virtbib/entries')).status).toBe(404);
  });

  it('answers unknown addresses with the 404 page and status 404', async () => {
    const missing = await get(server.url, '/virtbib/entries/nope.html');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('Page not found');
  });

  it('never serves a file outside the folder', async () => {
    for (const path of [
      '/virtbib/../../../etc/passwd',
      '/virtbib/%2e%2e/%2e%2e/etc/passwd',
      '/virtbib/..%2f..%2fetc%2fpasswd',
      '/virtbib/%00',
    ])
      expect((await get(server.url, path)).status, path).toBe(404);
  });

  it('compresses text for browsers that accept gzip, and answers HEAD without a body', async () => {
    const plain = await get(server.url, '/virtbib/index.html');
    const zipped = await get(server.url, '/virtbib/index.html', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body)).toEqual(plain.body);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    const head = await get(server.url, '/virtbib/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(plain.body.length);
  });
});
