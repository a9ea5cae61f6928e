import { hrefOf, type Target, targetOf } from '../http/url.js';
import { type ExcludeRule, hostMatches } from './options.js';

export type ExcludeMatcher = (target: Target) => ExcludeRule | undefined;

/**
 * Compiles the exclude rules once; patterns are regular expressions tested against the whole URL (as
 * sent: without credentials or fragment), host rules against the host name (IPv6 without brackets).
 */
export function compileExcludes(rules: readonly ExcludeRule[]): ExcludeMatcher {
  if (rules.length === 0) return () => undefined;
  const tests = rules.map((rule) => {
    if ('host' in rule) {
      const pattern = rule.host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
      return { rule, test: (target: Target) => hostMatches(target.hostname, pattern) };
    }
    const regex = new RegExp(rule.pattern);
    return { rule, test: (target: Target) => regex.test(hrefOf(target)) };
  });
  return (target) => tests.find(({ test }) => test(target))?.rule;
}

/** Exclude rules that match none of the URLs: stale exceptions, worth removing. One pass, no copy. */
export function unusedExcludes(rules: readonly ExcludeRule[], urls: Iterable<string>): ExcludeRule[] {
  const unused = new Set(rules);
  if (unused.size === 0) return [];
  const matchers = new Map(rules.map((rule) => [rule, compileExcludes([rule])]));
  for (const url of urls) {
    let parsed: Target;
    try {
      parsed = targetOf(new URL(url));
    } catch {
      continue;
    }
    for (const rule of unused) if (matchers.get(rule)!(parsed)) unused.delete(rule);
    if (unused.size === 0) break;
  }
  return rules.filter((rule) => unused.has(rule));
}
