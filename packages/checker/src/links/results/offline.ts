/** What one part of a run (the engine, the registry client) saw of the network. */
export interface NetworkEvidence {
  /** A server answered, or a connection got far enough to prove that names resolve. */
  answered: boolean;
  /** Host names that failed to resolve (no such name, or no resolver answered). */
  unresolved: ReadonlySet<string>;
}

/** One dead domain is a dead link; this many, with nothing else reachable, is a dead network. */
const MIN_UNRESOLVED_HOSTS = 2;

/**
 * Whether the run was offline: no server anywhere was reached and every name tried, on at least two
 * hosts, failed to resolve. Then the failures say nothing about the links, and acting on them (counting
 * failures, writing archived copies) would do harm. Returns the explanation, or undefined.
 */
export function offlineVerdict(evidence: readonly NetworkEvidence[]): string | undefined {
  if (evidence.some((e) => e.answered)) return undefined;
  const hosts = new Set<string>();
  for (const e of evidence) for (const host of e.unresolved) hosts.add(host);
  if (hosts.size < MIN_UNRESOLVED_HOSTS) return undefined;
  const some = [...hosts].slice(0, 3).join(', ');
  return `no host name could be resolved (${hosts.size} hosts, e.g. ${some}) and no server was reached: this machine looks offline, or its DNS resolver is down`;
}
