/**
 * What the browser tests share: finding Chromium, launching it so that it makes no connection of its own,
 * opening a page while recording every console error, failed request and request to another origin, and
 * running axe-core in the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Where Chromium is: $CHROMIUM_PATH when set (and only there), else Debian's /usr/bin/chromium (also on
 * GitHub's Ubuntu runners), else `chromium` on the PATH.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser tests never skip silently in CI: with CI=true and no Chromium they fail with what to do.
 * Elsewhere they are skipped, with a warning.
 */
export function chromiumOrFail(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = findChromium(env);
  if (!path && env.CI === 'true')
    throw new Error(
      'CI=true and Chromium is missing: install it (`apt-get install chromium`, as .ci/run does) or set CHROMIUM_PATH.',
    );
  if (!path)
    console.warn('Chromium not found: the browser tests are skipped (set CHROMIUM_PATH to run them).');
  return path;
}

/**
 * Headless, and quiet: on a closed network Chromium's own background connections (updates, sync, QUIC
 * probes) fail and would show as noise. Playwright gives every launch a fresh temporary profile
 * (--user-data-dir), so no state carries over between runs.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface PageProblems {
  console: string[];
  failed: string[];
  foreign: string[];
}

/** A new page that records what should never happen: console errors, failed requests, other origins. */
export async function watchedPage(
  context: BrowserContext,
  options: { allowStatus?: (url: string, status: number) => boolean } = {},
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { console: [], failed: [], foreign: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    // Chromium also logs each HTTP error as a console error: an expected one (the 404 page) is not news.
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(
      message.text(),
    );
    if (status && options.allowStatus?.(message.location().url, Number(status[1]))) return;
    problems.console.push(`${message.type()}: ${message.text()} (${message.location().url || 'no address'})`);
  });
  page.on('pageerror', (error) => problems.console.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.console.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request) =>
    problems.failed.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'about:' || url.protocol === 'file:') return;
    if (!/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) problems.foreign.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !options.allowStatus?.(response.url(), response.status()))
      problems.failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return { page, problems };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's violations on the page as it is now: every rule axe runs by default (best practices too), or
 * only the rules named.
 */
export async function axeViolations(page: Page, only?: readonly string[]): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(
    async (rules) => {
      type Axe = { run(context: Document, options?: object): Promise<{ violations: unknown[] }> };
      const axe = (window as unknown as { axe: Axe }).axe;
      const result = await axe.run(document, rules ? { runOnly: { type: 'rule', values: rules } } : {});
      return (
        result.violations as {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[] }[];
        }[]
      ).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    },
    only ? [...only] : undefined,
  );
}
