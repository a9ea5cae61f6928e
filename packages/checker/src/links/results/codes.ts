/**
 * Result classes and codes. A code is stable (reports, state files and CI scripts key on it) and always
 * belongs to the same class; what the code means in words lives in messages.ts, so that reporters can
 * change wording without changing data.
 */

/** What a result means for the bibliography. `suspect` is given by the history, never by the engine. */
export type LinkClass =
  | 'ok'
  | 'redirected'
  | 'broken'
  | 'suspect'
  | 'blocked'
  | 'timeout'
  | 'error'
  | 'invalid'
  | 'skipped';

export const LINK_CLASSES: readonly LinkClass[] = [
  'broken',
  'invalid',
  'error',
  'timeout',
  'suspect',
  'blocked',
  'redirected',
  'skipped',
  'ok',
];

interface CodeInfo {
  class: LinkClass;
  /** Transient failures are retried with backoff; the others are answers and are not asked again. */
  retry: boolean;
}

export const CODES = {
  ok: { class: 'ok', retry: false },
  'redirect-permanent': { class: 'redirected', retry: false },
  'redirect-temporary': { class: 'redirected', retry: false },
  'http-404': { class: 'broken', retry: false },
  'http-410': { class: 'broken', retry: false },
  'http-4xx': { class: 'broken', retry: false },
  'dns-not-found': { class: 'broken', retry: false },
  'bot-protection': { class: 'blocked', retry: false },
  'rate-limited': { class: 'blocked', retry: true },
  'auth-required': { class: 'blocked', retry: false },
  'connect-timeout': { class: 'timeout', retry: true },
  'headers-timeout': { class: 'timeout', retry: true },
  'body-timeout': { class: 'timeout', retry: true },
  'budget-exceeded': { class: 'timeout', retry: false },
  'http-5xx': { class: 'error', retry: true },
  'http-status': { class: 'error', retry: false },
  'connection-refused': { class: 'error', retry: true },
  'connection-reset': { class: 'error', retry: true },
  'dns-failure': { class: 'error', retry: true },
  'protocol-error': { class: 'error', retry: true },
  'network-error': { class: 'error', retry: true },
  'tls-error': { class: 'error', retry: false },
  'redirect-loop': { class: 'error', retry: false },
  'redirect-limit': { class: 'error', retry: false },
  'redirect-invalid': { class: 'error', retry: false },
  'private-address': { class: 'error', retry: false },
  'invalid-url': { class: 'invalid', retry: false },
  'unsupported-scheme': { class: 'invalid', retry: false },
  excluded: { class: 'skipped', retry: false },
  // DOIs, verified at the registry rather than at the publisher (see src/doi/).
  'doi-ok': { class: 'ok', retry: false },
  'doi-not-found': { class: 'broken', retry: false },
  'doi-mismatch': { class: 'broken', retry: false },
  'doi-unverifiable': { class: 'blocked', retry: false },
  // Relative links of documents, checked on disk (see internal.ts).
  'internal-ok': { class: 'ok', retry: false },
  'internal-missing': { class: 'broken', retry: false },
  'internal-anchor': { class: 'broken', retry: false },
  'internal-outside': { class: 'broken', retry: false },
  'run-budget-exceeded': { class: 'skipped', retry: false },
  interrupted: { class: 'skipped', retry: false },
} as const satisfies Record<string, CodeInfo>;

export type LinkCode = keyof typeof CODES;

/** Whether a string read from a file (a state file, a report) is one of the codes. */
export function isLinkCode(code: unknown): code is LinkCode {
  return typeof code === 'string' && Object.hasOwn(CODES, code);
}

export function isLinkClass(value: unknown): value is LinkClass {
  return typeof value === 'string' && (LINK_CLASSES as readonly string[]).includes(value);
}

export function classOf(code: LinkCode): LinkClass {
  return CODES[code].class;
}

/** Observations that count as a failing run in the history (blocked and skipped say nothing either way). */
export const FAILING_CLASSES: ReadonlySet<LinkClass> = new Set(['broken', 'timeout', 'error']);

/** Classes that make `virtbib check` exit 1. Suspects do not: they have not failed often enough yet. */
export const EXIT_FAILING_CLASSES: ReadonlySet<LinkClass> = new Set([
  'broken',
  'timeout',
  'error',
  'invalid',
]);

/** Successful checks, the only ones the cache may skip next time. */
export const SUCCESS_CLASSES: ReadonlySet<LinkClass> = new Set(['ok', 'redirected']);

/** Whether a result is of an internal link (checked on disk, never on the network or in the history). */
export function isInternalCode(code: LinkCode): boolean {
  return code.startsWith('internal-');
}
