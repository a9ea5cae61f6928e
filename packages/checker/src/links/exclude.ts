import { type ExcludeRule, hostMatches } from './options.js';

export type ExcludeMatcher = (url: URL) => ExcludeRule | undefined;

/** Compiles the exclude rules once; patterns are regular expressions tested against the whole URL. */
export function compileExcludes(rules: readonly ExcludeRule[]): ExcludeMatcher {
  const tests = rules.map((rule) => {
    if ('host' in rule) {
      const pattern = rule.host.toLowerCase();
      return { rule, test: (url: URL) => hostMatches(url.hostname.toLowerCase(), pattern) };
    }
    const regex = new RegExp(rule.pattern);
    return { rule, test: (url: URL) => regex.test(url.href) };
  });
  return (url) => tests.find(({ test }) => test(url))?.rule;
}

/** Exclude rules that match none of the URLs: stale exceptions, worth removing. One pass, no copy. */
export function unusedExcludes(rules: readonly ExcludeRule[], urls: Iterable<string>): ExcludeRule[] {
  const unused = new Set(rules);
  if (unused.size === 0) return [];
  const matchers = new Map(rules.map((rule) => [rule, compileExcludes([rule])]));
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    for (const rule of unused) if (matchers.get(rule)!(parsed)) unused.delete(rule);
    if (unused.size === 0) break;
  }
  return rules.filter((rule) => unused.has(rule));
}
