import { botProtectionMarker, challengeHeader } from '../http/bot.js';
import type { Attempt } from '../http/chain.js';
import { hrefOf } from '../http/url.js';
import type { HostPolicy } from '../setup/options.js';
import type { Suggestion } from '../types.js';
import { CODES, classOf, type LinkClass, type LinkCode } from './codes.js';

export interface Verdict {
  class: LinkClass;
  code: LinkCode;
  status?: number;
  detail?: string;
  suggestion?: Suggestion;
  /** Whether another attempt could change the answer. */
  retry: boolean;
}

/** Turns what one attempt saw into a class and a code. */
export function judge(attempt: Attempt, policy: HostPolicy): Verdict {
  if (attempt.failure) {
    const { code, detail } = attempt.failure;
    return { class: classOf(code), code, detail, retry: CODES[code].retry };
  }
  const response = attempt.response!;
  const { status } = response;
  // A challenge header means the page is not what was asked for, even with an accepted status.
  if (policy.accept(status) && !challengeHeader(response.headers)) {
    if (attempt.hops.length === 0) return answered('ok', status);
    const suggestion = permanentTarget(attempt);
    return suggestion
      ? {
          ...answered('redirect-permanent', status),
          suggestion: { url: suggestion, reason: 'permanent-redirect' },
        }
      : answered('redirect-temporary', status);
  }
  const marker = botProtectionMarker(status, response.headers, response.text);
  if (marker) return answered('bot-protection', status, marker);
  if (status === 404) return answered('http-404', status);
  if (status === 410) return answered('http-410', status);
  if (status === 429) return answered('rate-limited', status);
  if (status === 401 || status === 407) return answered('auth-required', status);
  if (status >= 400 && status < 500) return answered('http-4xx', status);
  if (status >= 500 && status < 600) return answered('http-5xx', status);
  return answered('http-status', status);
}

function answered(code: LinkCode, status: number, detail?: string): Verdict {
  return { class: classOf(code), code, status, detail, retry: CODES[code].retry && status !== 501 };
}

/**
 * Where the URL should point now: the end of the permanent redirects it starts with. A chain that starts
 * with a temporary redirect gets no suggestion: the URL as written is the one the site wants used.
 */
function permanentTarget(attempt: Attempt): string | undefined {
  let target: string | undefined;
  for (let i = 0; i < attempt.hops.length; i++) {
    const hop = attempt.hops[i]!;
    if (hop.status !== 301 && hop.status !== 308) break;
    target = attempt.hops[i + 1]?.url ?? hrefOf(attempt.url);
  }
  return target;
}
