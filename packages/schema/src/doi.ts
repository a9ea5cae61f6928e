/**
 * Normalizes a DOI as written by people and tools: resolver URLs, a `doi:` prefix, LaTeX escapes and
 * trailing punctuation are removed, and it is lowercased (DOIs are case-insensitive in ASCII).
 */
export function normalizeDoi(raw: string): string {
  return raw
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/\\([_&%#$])/g, '$1')
    .replace(/[.,;:]+$/, '')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}
