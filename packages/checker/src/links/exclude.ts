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

/** Exclude rules that match none of the URLs: stale exceptions, worth removing. */
export function unusedExcludes(rules: readonly ExcludeRule[], urls: Iterable<string>): ExcludeRule[] {
  const parsed: URL[] = [];
  for (const url of urls)
    try {
      parsed.push(new URL(url));
    } catch {}
  return rules.filter((rule) => {
    const match = compileExcludes([rule]);
    return !parsed.some((url) => match(url));
  });
}
