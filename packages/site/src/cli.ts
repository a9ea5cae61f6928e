#!/usr/bin/env node
/**
 * The site's command line.
 *
 *   node lib/cli.js build [--data <dir>] [--out <dir>] [--site-url <url>] [--link-report <file>] [--timings]
 *   node lib/cli.js preview [--dir <dir>] [--site-url <url>] [--host <host>] [--port <port>]
 *
 * Exit codes: 0 done, 1 the inputs are missing or malformed, 2 a usage error.
 */
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SITE_URL, readLinkReport, renderSite, siteConfig, writeSite } from './build.js';
import { LinkReportError } from './data/link-report.js';
import { loadData, SiteInputError } from './data/load.js';
import { startServer } from './server/serve.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage:
  node lib/cli.js build [--data <dir>] [--out <dir>] [--site-url <url>] [--link-report <file>] [--timings]
  node lib/cli.js preview [--dir <dir>] [--site-url <url>] [--host <host>] [--port <port>]

  --data         the published files of @virtbib/data (default: the installed package)
  --out, --dir   the site folder (default: packages/site/dist)
  --site-url     where the site is published; its path is the base path (default: $VIRTBIB_SITE_URL,
                 else ${DEFAULT_SITE_URL})
  --link-report  the JSON report of \`virtbib check --format json\`, for the link health page`;

class UsageError extends Error {}

function fail(error: unknown): never {
  if (error instanceof UsageError) {
    process.stderr.write(`virtbib-site: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (error instanceof SiteInputError || error instanceof LinkReportError) {
    process.stderr.write(`virtbib-site: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        dir: { type: 'string' },
        'site-url': { type: 'string', default: process.env.VIRTBIB_SITE_URL || DEFAULT_SITE_URL },
        'link-report': { type: 'string' },
        timings: { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4173' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function config(siteUrl: string) {
  try {
    return siteConfig(siteUrl);
  } catch {
    throw new UsageError(
      `--site-url must be an absolute http(s) URL such as ${DEFAULT_SITE_URL}, not "${siteUrl}".`,
    );
  }
}

async function build(args: string[]): Promise<void> {
  const values = options(args);
  const started = performance.now();
  const site = config(values['site-url']);
  const data = await loadData(values.data === undefined ? undefined : resolve(values.data));
  const loaded = performance.now();
  const linkReport = readLinkReport(values['link-report']);
  const files = renderSite({ data, config: site, linkReport });
  const rendered = performance.now();
  const out = resolve(values.out ?? join(packageDir, 'dist'));
  writeSite(files, out);
  const total = performance.now() - started;
  const pages = [...files.keys()].filter((p) => p.endsWith('.html')).length;
  console.log(
    `Built the site for ${data.dataset.entries.length} entries: ${pages} pages, ${files.size} files in ${relative(process.cwd(), out) || '.'} in ${Math.round(total)} ms` +
      ` (${site.siteUrl}; ${linkReport ? `link report of ${linkReport.generatedAt.slice(0, 10)}` : 'no link report'}).`,
  );
  if (values.timings)
    console.log(
      JSON.stringify({
        totalMs: Math.round(total),
        loadMs: Math.round(loaded - started),
        renderMs: Math.round(rendered - loaded),
        writeMs: Math.round(performance.now() - rendered),
        files: files.size,
      }),
    );
}

async function preview(args: string[]): Promise<void> {
  const values = options(args);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, not "${values.port}".`);
  const site = config(values['site-url']);
  const root = resolve(values.dir ?? values.out ?? join(packageDir, 'dist'));
  const running = await startServer({ root, basePath: site.basePath, host: values.host, port });
  console.log(`Serving ${relative(process.cwd(), root) || '.'} at ${running.url} (Ctrl-C stops it).`);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (rest.includes('--help') || rest.includes('-h')) console.log(USAGE);
  else if (command === 'build') await build(rest);
  else if (command === 'preview') await preview(rest);
  else if (command === undefined || command === '--help' || command === '-h') console.log(USAGE);
  else throw new UsageError(`unknown command "${command}".`);
} catch (error) {
  fail(error);
}
