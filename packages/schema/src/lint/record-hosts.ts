/**
 * Hosts whose pages repeat bibliographic data gathered from elsewhere: useful leads, not evidence. The list
 * is data, kept in one place; a host belongs here when its records are assembled by crawling or by users
 * rather than published by the venue, the publisher, the DOI registry, DBLP or the authors' institution.
 */
export const SECONDARY_AGGREGATOR_HOSTS: readonly string[] = [
  'academia.edu',
  'api.openalex.org',
  'api.semanticscholar.org',
  'bibbase.org',
  'bibtex.github.io',
  'citeseerx.ist.psu.edu',
  'docslib.org',
  'europepmc.org',
  'openalex.org',
  'paperity.org',
  'researchgate.net',
  'researchr.org',
  'scholar.archive.org',
  'scholar.google.com',
  'semanticscholar.org',
  'slideshare.net',
  'sourcery.cmcl.cs.cmu.edu',
  'studylib.net',
  'techrepublic.com',
  'wikipedia.org',
];

/** The host of a record reference (a URL, or a bare host), lowercased, without `www.`. */
export function recordHost(reference: string): string | undefined {
  try {
    return new URL(reference).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** True when the record is on a known aggregator (the host itself or one of its subdomains). */
export function isSecondaryAggregator(reference: string): boolean {
  const host = recordHost(reference);
  if (!host) return false;
  return SECONDARY_AGGREGATOR_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}
