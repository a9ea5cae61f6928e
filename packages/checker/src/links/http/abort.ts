/** What listens to an abort: a function, or (as with DOM event targets) an object with `handleEvent`. */
export type AbortListener = (() => void) | { handleEvent(): void };

/**
 * A minimal abort signal. The engine needs one per URL, and creating an AbortController costs about ten
 * microseconds in Node 20, a noticeable share of checking a URL on a fast network. This has the part of
 * the AbortSignal interface that undici and the engine use (aborted, reason, add/removeEventListener).
 * A URL's signal has one listener at a time (its request under way), held without an array.
 */
export class Abort {
  aborted = false;
  reason: unknown;
  private first: AbortListener | undefined;
  private more: AbortListener[] | undefined;

  addEventListener(_type: 'abort', listener: AbortListener, _options?: unknown): void {
    if (this.first === undefined) this.first = listener;
    else {
      this.more ??= [];
      this.more.push(listener);
    }
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
    if (this.first === listener) this.first = this.more?.shift();
    else if (this.more) {
      const index = this.more.indexOf(listener);
      if (index !== -1) this.more.splice(index, 1);
    }
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.first === undefined ? [] : [this.first, ...(this.more ?? [])];
    this.first = undefined;
    this.more = undefined;
    for (const listener of listeners) {
      if (typeof listener === 'function') listener();
      else listener.handleEvent();
    }
  }

  /** For APIs typed to take an AbortSignal: undici accepts anything with this shape. */
  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}

/** What the engine's functions accept: a real AbortSignal or an Abort. */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: AbortListener, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: AbortListener): void;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
