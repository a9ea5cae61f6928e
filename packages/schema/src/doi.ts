/** A DOI that every step below leaves as it is: starts with 10., no space, backslash or capital, no trailing punctuation. */
const NORMALIZED = /^10\.[^\sA-Z\\]*[^\s.,;:A-Z\\]$/;

/**
 * Normalizes a DOI as written by people and tools: resolver URLs, a `doi:` prefix, LaTeX escapes and
 * trailing punctuation are removed, and it is lowercased (DOIs are case-insensitive in ASCII).
 */
export function normalizeDoi(raw: string): string {
  // Most DOIs are already normalized: one test instead of five replacements (each of which would be a no-op).
  if (NORMALIZED.test(raw)) return raw;
  return raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/\\([_&%#$])/g, '$1')
    .replace(/[.,;:]+$/, '')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}
