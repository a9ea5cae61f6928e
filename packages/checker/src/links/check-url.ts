import type { Item, RunContext } from './context.js';
import { Abort, sleep } from './http/abort.js';
import { attempt } from './http/chain.js';
import { classifyError, UrlBudgetError } from './http/errors.js';
import { hrefOf } from './http/url.js';
import type { Deadline } from './pacing/deadlines.js';
import type { Permit } from './pacing/scheduler.js';
import { classOf } from './results/codes.js';
import { judge, type Verdict } from './results/verdict.js';
import { type Hop, type LinkResult, NO_REDIRECTS } from './types.js';

/** The longest wait between two attempts, whatever the backoff says. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Checks one URL: attempts until the answer is final, retrying transient failures (timeouts, resets, 5xx,
 * 429) with exponential backoff and jitter, or after the wait the server asked for. The URL's budget
 * starts with its first request, so time spent queued behind other URLs of a busy host is not counted.
 */
export async function checkUrl(ctx: RunContext, item: Item, firstPermit: Permit): Promise<LinkResult> {
  const { options } = ctx;
  const started = Date.now();
  const deadline = started + options.urlBudget;
  // One signal per URL, aborted by the URL's budget or by the run, which keeps the signals in flight
  // (a cheap Abort rather than an AbortController: see abort.ts).
  const signal = new UrlSignal(options.urlBudget);
  ctx.deadlines.watch(signal, options.urlBudget);
  ctx.inFlight.add(signal);
  const { policy } = firstPermit.host;
  let permit: Permit | undefined = firstPermit;
  let attempts = 0;
  let requests = 0;
  let hops: Hop[] = NO_REDIRECTS;
  let finalUrl: string | undefined;
  let verdict: Verdict;
  try {
    for (;;) {
      attempts++;
      const seen = await attempt(ctx, item, signal, permit);
      permit = undefined;
      requests += seen.requests;
      hops = seen.hops;
      finalUrl = seen.hops.length > 0 ? hrefOf(seen.url) : undefined;
      verdict = judge(seen, policy);
      if (!verdict.retry || attempts > options.retries) break;
      const wait = seen.retryAfter ?? backoff(options.retryDelay, attempts);
      // Waiting past the budget would only end in budget-exceeded: report what was seen instead.
      if (Date.now() + wait >= deadline) break;
      await sleep(wait, signal);
    }
  } catch (error) {
    const { code, detail } = classifyError(signal.aborted ? signal.reason : error);
    verdict = { class: classOf(code), code, detail, retry: false };
  } finally {
    ctx.deadlines.clear(signal);
    ctx.inFlight.delete(signal);
    if (permit) ctx.scheduler.release(permit);
  }
  const result: LinkResult = {
    url: item.key,
    class: verdict.class,
    code: verdict.code,
    redirects: hops.length > 0 ? hops : NO_REDIRECTS,
    attempts,
    requests,
    // An integer V8 keeps unboxed (a plain difference of two Date.now() values is stored as a double).
    durationMs: (Date.now() - started) | 0,
    sources: item.sources,
  };
  if (verdict.status !== undefined) result.status = verdict.status;
  if (finalUrl !== undefined) result.finalUrl = finalUrl;
  if (verdict.suggestion) result.suggestion = verdict.suggestion;
  if (verdict.detail) result.detail = verdict.detail;
  return result;
}

/** A URL's signal, which is also its budget's deadline: aborted when the budget runs out. */
class UrlSignal extends Abort implements Deadline {
  at = 0;
  slot = -1;

  constructor(private readonly budget: number) {
    super();
  }

  expire(): void {
    this.abort(new UrlBudgetError(`the URL took longer than its budget of ${this.budget} ms`));
  }
}

function backoff(base: number, attempts: number): number {
  const jitter = 0.5 + Math.random();
  return Math.min(base * 2 ** (attempts - 1) * jitter, MAX_BACKOFF_MS);
}
