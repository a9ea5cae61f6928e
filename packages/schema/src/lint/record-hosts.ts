import { hostOf } from '../web-url.js';

/**
 * Hosts whose pages repeat bibliographic data gathered from elsewhere: useful leads, not evidence. The list
 * is data, kept in one place; a host belongs here when its records are assembled by crawling or by users
 * rather than published by the venue, the publisher, the DOI registry, DBLP or the authors' institution.
 */
export const SECONDARY_AGGREGATOR_HOSTS: readonly string[] = [
  '1library.net',
  'academia.edu',
  'api.openalex.org',
  'api.semanticscholar.org',
  'ask.orkg.org',
  'bibbase.org',
  'bibtex.github.io',
  'citegraph.io',
  'citeseerx.ist.psu.edu',
  'citeulike.org',
  'core.ac.uk',
  'csauthors.net',
  'data.zhenzhi.com',
  'docplayer.net',
  'docslib.org',
  'docstoc.com',
  'educative.io',
  'en.wikipedia.org',
  'europepmc.org',
  'explore.openaire.eu',
  'fdocuments.in',
  'globalauthorid.com',
  'hinet.lindayi.me',
  'm.booksci.cn',
  'm.moam.info',
  'manuscript.isc.ac',
  'mendeley.com',
  'moam.info',
  'no.citeulike.org',
  'openalex.org',
  'paperexplained.cn',
  'paperity.org',
  'pdfslide.net',
  'pdfslide.us',
  'periodicos.capes.gov.br',
  'preview.concepedia.online',
  'researchgate.net',
  'researchr.org',
  'scholar.archive.org',
  'scholar.google.com',
  'scholar.google.de',
  'scilit.com',
  'scilit.net',
  'sciweavers.org',
  'scribd.com',
  'search.isc.ac',
  'semanticscholar.org',
  'slidelegend.com',
  'slideshare.net',
  'sourcery.cmcl.cs.cmu.edu',
  'study.space',
  'studylib.net',
  'technodocbox.com',
  'techrepublic.com',
  'unpaywall.org',
  'vdocument.in',
  'vdocuments.site',
  'vdocuments.us',
  'wikipedia.org',
  'zhixidata.com',
];

const AGGREGATORS: ReadonlySet<string> = new Set(SECONDARY_AGGREGATOR_HOSTS);

/** The host of a record reference (a URL, or a bare host), lowercased, without `www.`. */
export function recordHost(reference: string): string | undefined {
  const host = hostOf(reference);
  return host?.startsWith('www.') ? host.slice(4) : host;
}

/**
 * True when the record is on a known aggregator. Hosts match exactly (after `www.`): a subdomain can be
 * primary where its parent is not, as conf.researchr.org serves conferences' own programs.
 */
export function isSecondaryAggregator(reference: string): boolean {
  const host = recordHost(reference);
  return host !== undefined && AGGREGATORS.has(host);
}
