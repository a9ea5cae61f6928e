import { checkUrl } from './check-url.js';
import type { Item, RunContext } from './context.js';
import { groupInputs } from './group.js';
import { guardedLookup } from './http/address.js';
import { InterruptedError, RunAbortedError, stopCode } from './http/errors.js';
import { Pools } from './http/pools.js';
import { toCheckable } from './http/url.js';
import { Deadlines } from './pacing/deadlines.js';
import { Scheduler } from './pacing/scheduler.js';
import { classOf, type LinkCode } from './results/codes.js';
import { compileExcludes } from './setup/exclude.js';
import { type CheckOptions, type ResolvedOptions, resolveOptions } from './setup/options.js';
import { type LinkInput, type LinkResult, NO_REDIRECTS, type Source } from './types.js';

export type OnResult = (result: LinkResult) => void;

/** URLs queued between two yields to the event loop. */
const QUEUE_SLICE = 256;

/**
 * The link checking engine. Give it URLs with where they came from; it checks each distinct URL once and
 * hands out results as they complete. It knows nothing of files, history or reports: those are layers
 * on top (see run.ts), so that the engine can be used on its own.
 */
export class LinkChecker {
  readonly options: ResolvedOptions;

  constructor(options: CheckOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** Checks the inputs, calling `onResult` once per distinct URL as soon as its result is known. */
  run(inputs: Iterable<LinkInput>, onResult: OnResult): Promise<void> {
    return this.runGrouped(groupInputs(inputs), onResult);
  }

  /**
   * The same for inputs already grouped by URL key (see groupInputs), without grouping them again. A Map
   * given is emptied as its URLs are queued: the queue holds what the run needs, and a million entries
   * are not kept twice.
   */
  async runGrouped(groups: Iterable<[string, Source[]]>, onResult: OnResult): Promise<void> {
    const consumed = groups instanceof Map ? groups : undefined;
    const { options } = this;
    let outstanding = 0;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let callbackError: unknown;
    const emit = (result: LinkResult) => {
      try {
        onResult(result);
      } catch (error) {
        // A failing consumer stops the run; the error is rethrown once everything is closed.
        callbackError ??= error;
        abort(new RunAbortedError('the result consumer failed'));
      }
    };
    const done = () => {
      if (--outstanding === 0) finish();
    };
    const settled = (result: LinkResult) => {
      emit(result);
      done();
    };
    const crashed = (error: unknown) => {
      callbackError ??= error;
      done();
    };

    const ctx: RunContext = {
      options,
      inFlight: new Set(),
      deadlines: new Deadlines(
        Math.min(options.urlBudget, options.connectTimeout, options.headersTimeout, options.bodyTimeout),
      ),
      pools: new Pools({
        connectTimeout: options.connectTimeout,
        lookup: guardedLookup(options.allowPrivate, options.resolve),
        connectionsFor: (hostname) => options.policyFor(hostname).concurrency,
      }),
      // The same two callbacks for every URL: closures made per URL are allocations per URL.
      scheduler: new Scheduler<Item>(options.concurrency, options.policyFor, (item, permit) => {
        checkUrl(ctx, item, permit).then(settled, crashed);
      }),
    };

    let aborted: Error | undefined;
    const abort = (reason: Error) => {
      if (aborted) return;
      aborted = reason;
      for (const item of ctx.scheduler.close()) {
        emit(unchecked(item.key, item.sources, stopCode(reason), reason.message));
        done();
      }
      for (const controller of ctx.inFlight) controller.abort(reason);
    };
    // An infinite budget (a caller that keeps the time itself) sets no timer.
    const budgetTimer = Number.isFinite(options.budget)
      ? setTimeout(
          () => abort(new RunAbortedError(`the run took longer than its budget of ${options.budget} ms`)),
          Math.min(options.budget, 2 ** 31 - 1),
        )
      : undefined;
    const onExternalAbort = () => {
      const reason = options.signal?.reason;
      abort(
        reason instanceof RunAbortedError || reason instanceof InterruptedError
          ? reason
          : new RunAbortedError('the run was stopped'),
      );
    };
    options.signal?.addEventListener('abort', onExternalAbort, { once: true });

    const excluded = compileExcludes(options.exclude);
    // One string per origin and host name for all the URLs of a run.
    const shared = new Map<string, string>();
    outstanding = 1; // held until every input is queued, so that early results cannot end the run
    let sinceYield = 0;
    try {
      for (const [key, sources] of groups) {
        consumed?.delete(key);
        // Queue in slices, yielding to I/O in between: the first requests go out at once instead of
        // waiting until a long input has all been parsed and queued.
        if (++sinceYield === QUEUE_SLICE) {
          sinceYield = 0;
          await new Promise(setImmediate);
        }
        const checkable = toCheckable(key, shared);
        outstanding++;
        if (!checkable.ok) {
          emit(unchecked(key, sources, checkable.code));
          done();
          continue;
        }
        const rule = excluded(checkable.target);
        if (rule) {
          emit(unchecked(key, sources, 'excluded', rule.reason));
          done();
          continue;
        }
        if (aborted) {
          emit(unchecked(key, sources, stopCode(aborted), aborted.message));
          done();
          continue;
        }
        const { origin, hostname, path } = checkable.target;
        ctx.scheduler.add(hostname, { key, origin, hostname, path, sources });
      }
      if (options.signal?.aborted) onExternalAbort();
      done();
      await finished;
    } finally {
      clearTimeout(budgetTimer);
      options.signal?.removeEventListener('abort', onExternalAbort);
      ctx.scheduler.close();
      ctx.deadlines.close();
      // Every socket is destroyed now; waiting for their close events would only delay the caller.
      void ctx.pools.destroy();
    }
    if (callbackError !== undefined) throw callbackError;
  }
}

/** Checks the inputs and yields results as they complete. Breaking out of the loop stops the run. */
export async function* checkLinks(
  inputs: Iterable<LinkInput>,
  options: CheckOptions = {},
): AsyncGenerator<LinkResult, void, undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const buffer: LinkResult[] = [];
  let head = 0;
  let wake: (() => void) | undefined;
  let done = false;
  let failure: unknown;
  const running = new LinkChecker({ ...options, signal })
    .run(inputs, (result) => {
      buffer.push(result);
      wake?.();
    })
    .then(
      () => {
        done = true;
        wake?.();
      },
      (error: unknown) => {
        failure = error;
        done = true;
        wake?.();
      },
    );
  try {
    for (;;) {
      if (head < buffer.length) {
        const result = buffer[head]!;
        buffer[head++] = undefined as unknown as LinkResult;
        yield result;
      } else if (done) break;
      else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  } finally {
    stop.abort();
    await running;
  }
  if (failure !== undefined) throw failure;
}

function unchecked(url: string, sources: Source[], code: LinkCode, detail?: string): LinkResult {
  const result: LinkResult = {
    url,
    class: classOf(code),
    code,
    redirects: NO_REDIRECTS,
    attempts: 0,
    requests: 0,
    durationMs: 0,
    sources,
  };
  if (detail) result.detail = detail;
  return result;
}
