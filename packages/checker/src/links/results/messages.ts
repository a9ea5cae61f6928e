import type { DoiMismatch, LinkResult } from '../types.js';
import type { LinkCode } from './codes.js';

/** Words for each code: what happened, and the next step. Reporters use these; the data never does. */
const WORDS: Record<LinkCode, { say: (r: LinkResult) => string; hint: string }> = {
  ok: { say: () => 'The link works.', hint: '' },
  'doi-ok': { say: () => 'The DOI is registered and its metadata matches the entry.', hint: '' },
  'doi-not-found': {
    say: (r) => `The DOI is not registered (${r.detail ?? 'the handle system does not know it'}).`,
    hint: "Check the DOI against the publisher's page; remove it rather than guess one.",
  },
  'doi-mismatch': {
    say: (r) => `The DOI belongs to another work: ${mismatchWords(r.mismatches ?? [])}.`,
    hint: 'The DOI of a neighbouring paper is the usual mistake: look the work up again and correct the DOI (or the entry).',
  },
  'doi-unverifiable': {
    say: (r) => `The DOI could not be verified (${r.detail ?? 'the registry did not answer'}).`,
    hint: 'Usually temporary; it is checked again on the next run.',
  },
  'redirect-permanent': {
    say: (r) => `The link moved permanently to ${r.suggestion?.url ?? r.finalUrl}.`,
    hint: 'Replace the URL with the suggested one.',
  },
  'redirect-temporary': {
    say: (r) => `The link redirects (temporarily) to ${r.finalUrl}.`,
    hint: 'Nothing to do: temporary redirects are expected to change.',
  },
  'http-404': {
    say: () => 'The server answered 404 Not Found.',
    hint: 'Look for the new address (search the title), or add an archived copy under urls.archived.',
  },
  'http-410': {
    say: () => 'The server answered 410 Gone: the page was removed on purpose.',
    hint: 'Find another copy of the work or an archived one (urls.archived), and replace the URL.',
  },
  'http-4xx': {
    say: (r) => `The server refused the request with ${r.status}.`,
    hint: 'Open the URL in a browser; if it works there, accept the status for this host in virtbib.config.json.',
  },
  'dns-not-found': {
    say: () => 'The host name does not exist (DNS).',
    hint: 'The domain may have lapsed: find where the work lives now, or use an archived copy.',
  },
  'bot-protection': {
    say: (r) =>
      `The site answered with bot protection (${r.detail ?? `status ${r.status}`}); it cannot be verified automatically.`,
    hint: 'Check it by hand now and then; if that is all it ever does, exclude it with a reason in virtbib.config.json.',
  },
  'rate-limited': {
    say: () => 'The site kept answering 429 Too Many Requests.',
    hint: 'Lower the rate for this host (hosts.<name>.interval or concurrency in virtbib.config.json).',
  },
  'auth-required': {
    say: (r) => `The server asks for a login (${r.status}).`,
    hint: 'Prefer a public landing page or an open-access copy.',
  },
  'connect-timeout': {
    say: () => 'Connecting to the server timed out.',
    hint: 'Often temporary; if it persists, the host is gone or blocks the checker.',
  },
  'headers-timeout': {
    say: () => 'The server accepted the connection but did not answer in time.',
    hint: 'Often temporary; raise --timeout for slow hosts.',
  },
  'body-timeout': {
    say: () => 'The response body did not arrive in time.',
    hint: 'Often temporary; raise --timeout for slow hosts.',
  },
  'budget-exceeded': {
    say: () => 'Checking this URL (with retries and redirects) took longer than its budget.',
    hint: 'Often temporary; raise urlBudget in virtbib.config.json if the host is known to be slow.',
  },
  'http-5xx': {
    say: (r) => `The server failed with ${r.status}, also on retries.`,
    hint: 'Usually temporary; the history reports it as broken only if it keeps failing.',
  },
  'http-status': {
    say: (r) => `The server answered with an unexpected status ${r.status}.`,
    hint: 'Open the URL in a browser; accept the status for this host in virtbib.config.json if it is fine.',
  },
  'connection-refused': {
    say: () => 'The server refused the connection.',
    hint: 'The site may be down or moved; check again later.',
  },
  'connection-reset': {
    say: () => 'The connection was closed before the response was complete.',
    hint: 'Often temporary; the history reports it as broken only if it keeps failing.',
  },
  'dns-failure': {
    say: () => 'The host name could not be resolved right now (DNS failure, not a missing name).',
    hint: 'Usually temporary.',
  },
  'protocol-error': {
    say: () => 'The server sent a malformed HTTP response.',
    hint: 'Check the URL in a browser.',
  },
  'network-error': {
    say: () => 'The request failed on the network.',
    hint: 'Usually temporary; see the detail.',
  },
  'tls-error': {
    say: () => 'The secure connection failed (certificate or TLS problem).',
    hint: 'The site may have an expired or wrong certificate; an http:// or archived URL may be the only option.',
  },
  'redirect-loop': {
    say: () => 'The redirects go round in a loop.',
    hint: 'Open the URL in a browser; if it needs cookies or a login, prefer another URL for the work.',
  },
  'redirect-limit': {
    say: (r) => `The URL redirects more than ${r.redirects.length - 1} times.`,
    hint: 'Replace it with the final address, found by opening it in a browser.',
  },
  'redirect-invalid': {
    say: (r) => `A redirect points nowhere valid (${r.detail ?? 'bad Location'}).`,
    hint: 'The site is misconfigured; look for another URL for the work.',
  },
  'private-address': {
    say: () => 'The URL leads to a private or local network address, which the checker refuses to contact.',
    hint: 'A public bibliography should not link into private networks: fix the URL.',
  },
  'invalid-url': {
    say: () => 'This is not a valid URL.',
    hint: 'Write the full address, starting with https://.',
  },
  'unsupported-scheme': {
    say: () => 'Only http and https links can be checked.',
    hint: 'Use an https:// address for the work.',
  },
  excluded: { say: (r) => `Excluded by the config: ${r.detail ?? 'no reason given'}.`, hint: '' },
  'internal-ok': { say: () => 'The file is there.', hint: '' },
  'internal-missing': {
    say: (r) => `No such file${r.detail ? ` (${r.detail})` : ''}.`,
    hint: 'Fix the relative link, or add the file it points at.',
  },
  'internal-anchor': {
    say: () => 'The file is there, but no element in it has this id.',
    hint: 'Point the #fragment at an id the page has, or give the element that id.',
  },
  'internal-outside': {
    say: (r) => `The link leads out of the folder being checked (${r.detail ?? 'outside'}).`,
    hint: 'Published, the folder stands alone: link to a file inside it, or use a full https:// address.',
  },
  'run-budget-exceeded': {
    say: () => 'Not checked: the run ran out of time first.',
    hint: 'Raise --budget, or split the run with --shard.',
  },
  interrupted: {
    say: () => 'Not checked: the run was interrupted.',
    hint: '',
  },
};

/** Each field that differs, by entry when the DOI is cited by more than one. */
function mismatchWords(mismatches: readonly DoiMismatch[]): string {
  const byEntry = new Map<string, DoiMismatch[]>();
  for (const m of mismatches) {
    const list = byEntry.get(m.id ?? '') ?? [];
    list.push(m);
    byEntry.set(m.id ?? '', list);
  }
  const fields = (list: DoiMismatch[]) =>
    list.map((m) => `${m.field} "${m.entry}" here, "${m.registry}" at the registry`).join('; ');
  if (byEntry.size <= 1) return fields(mismatches as DoiMismatch[]);
  return [...byEntry].map(([id, list]) => `in ${id}: ${fields(list)}`).join('; ');
}

/** "1 URL", "2 URLs": a count with its noun, in the right number. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function describe(result: LinkResult): { message: string; hint: string } {
  // Reports read back from files (merge-reports) may carry codes of a newer version, or anything.
  const words = Object.hasOwn(WORDS, result.code)
    ? WORDS[result.code]
    : { say: () => `Result code ${String(result.code)}.`, hint: '' };
  let message = words.say(result);
  if (result.class === 'suspect')
    message += ` Failed ${count(result.consecutiveFailures ?? 1, 'run')} in a row; reported as broken once it fails again.`;
  else if (result.consecutiveFailures && result.consecutiveFailures > 1)
    message += ` Failing for ${result.consecutiveFailures} runs in a row.`;
  return { message, hint: words.hint };
}
