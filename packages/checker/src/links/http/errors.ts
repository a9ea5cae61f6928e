import type { LinkCode } from '../results/codes.js';

/** Thrown into a request when the URL's own budget runs out. */
export class UrlBudgetError extends Error {
  readonly code = 'ERR_VIRTBIB_URL_BUDGET';
}

/** Thrown into a request when the run's budget runs out or the caller aborts the run. */
export class RunAbortedError extends Error {
  readonly code = 'ERR_VIRTBIB_RUN_ABORTED';
}

/** Thrown into everything under way when the user interrupts the run (Ctrl+C). */
export class InterruptedError extends Error {
  readonly code = 'ERR_VIRTBIB_INTERRUPTED';
}

/** The reason a run stopped early, as a code for the URLs it left unchecked. */
export function stopCode(reason: unknown): 'interrupted' | 'run-budget-exceeded' {
  return reason instanceof InterruptedError ? 'interrupted' : 'run-budget-exceeded';
}

/** Aborts a request whose response headers take longer than the headers timeout. */
export class HeadersDeadlineError extends Error {
  readonly code = 'UND_ERR_HEADERS_TIMEOUT';
}

/** Thrown by the body reader when a body takes longer than the body timeout in total (a trickle). */
export class BodyDeadlineError extends Error {
  readonly code = 'ERR_VIRTBIB_BODY_DEADLINE';
}

const BY_CODE = new Map<string, LinkCode>(
  Object.entries({
    ERR_VIRTBIB_URL_BUDGET: 'budget-exceeded',
    ERR_VIRTBIB_RUN_ABORTED: 'run-budget-exceeded',
    ERR_VIRTBIB_INTERRUPTED: 'interrupted',
    ERR_VIRTBIB_BODY_DEADLINE: 'body-timeout',
    ERR_VIRTBIB_PRIVATE_ADDRESS: 'private-address',
    UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
    UND_ERR_HEADERS_TIMEOUT: 'headers-timeout',
    UND_ERR_BODY_TIMEOUT: 'body-timeout',
    UND_ERR_SOCKET: 'connection-reset',
    UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol-error',
    UND_ERR_HEADERS_OVERFLOW: 'protocol-error',
    ECONNRESET: 'connection-reset',
    EPIPE: 'connection-reset',
    ECONNABORTED: 'connection-reset',
    ECONNREFUSED: 'connection-refused',
    EHOSTUNREACH: 'network-error',
    ENETUNREACH: 'network-error',
    ETIMEDOUT: 'connect-timeout',
    // dns.lookup says ENOTFOUND for a name that does not exist; c-ares resolvers add ENODATA for a name
    // without addresses. Both are answers. EAI_AGAIN and server failures are not.
    ENOTFOUND: 'dns-not-found',
    ENODATA: 'dns-not-found',
    EAI_AGAIN: 'dns-failure',
    ESERVFAIL: 'dns-failure',
    ETIMEOUT: 'dns-failure',
  } satisfies Record<string, LinkCode>),
);

/** Maps what a request threw to a stable code and a one-line detail. */
export function classifyError(error: unknown): { code: LinkCode; detail: string } {
  const err = error as { code?: string; message?: string; cause?: { code?: string } } | undefined;
  const code = err?.code ?? err?.cause?.code ?? '';
  const detail = [code, err?.message].filter(Boolean).join(': ') || String(error);
  const known = BY_CODE.get(code) ?? (err?.cause?.code ? BY_CODE.get(err.cause.code) : undefined);
  if (known) return { code: known, detail };
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code))
    return { code: 'tls-error', detail };
  if (code.startsWith('HPE_')) return { code: 'protocol-error', detail };
  return { code: 'network-error', detail };
}
