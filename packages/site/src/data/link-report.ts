/**
 * The link report of `virtbib check --format json` (format virtbib-link-report, version 1; documented in
 * packages/checker/README.md). The site reads only what it shows, and checks the shape before trusting it.
 */
export const LINK_CLASSES = [
  'broken',
  'invalid',
  'error',
  'timeout',
  'suspect',
  'blocked',
  'redirected',
  'skipped',
  'ok',
] as const;
export type LinkClass = (typeof LINK_CLASSES)[number];

export interface LinkSource {
  file: string;
  line: number;
  field?: string;
}

export interface LinkResult {
  url: string;
  class: LinkClass;
  code: string;
  status?: number;
  finalUrl?: string;
  detail?: string;
  consecutiveFailures?: number;
  sources: LinkSource[];
}

export interface LinkReport {
  generatedAt: string;
  durationMs: number;
  minFailures: number;
  results: LinkResult[];
}

/** A report that is not the checker's JSON: the message names the file and says what was expected. */
export class LinkReportError extends Error {
  override name = 'LinkReportError';
}

export function parseLinkReport(text: string, file: string): LinkReport {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new LinkReportError(`${file} is not JSON (${(error as Error).message}).`);
  }
  if (data?.format !== 'virtbib-link-report' || data.version !== 1 || !Array.isArray(data.results))
    throw new LinkReportError(
      `${file} is not a link report: expected the output of \`virtbib check --format json\` (format virtbib-link-report, version 1).`,
    );
  if (typeof data.generatedAt !== 'string' || Number.isNaN(Date.parse(data.generatedAt)))
    throw new LinkReportError(`${file}: generatedAt is not a date.`);
  const results = (data.results as Record<string, unknown>[]).map((r, i) => {
    if (
      typeof r?.url !== 'string' ||
      typeof r.code !== 'string' ||
      !LINK_CLASSES.includes(r.class as LinkClass)
    )
      throw new LinkReportError(`${file}: result ${i} is malformed (needs url, class and code).`);
    const sources = Array.isArray(r.sources)
      ? (r.sources as LinkSource[]).filter((s) => typeof s?.file === 'string')
      : [];
    return {
      url: r.url,
      class: r.class as LinkClass,
      code: r.code,
      status: typeof r.status === 'number' ? r.status : undefined,
      finalUrl: typeof r.finalUrl === 'string' ? r.finalUrl : undefined,
      detail: typeof r.detail === 'string' ? r.detail : undefined,
      consecutiveFailures: typeof r.consecutiveFailures === 'number' ? r.consecutiveFailures : undefined,
      sources,
    } satisfies LinkResult;
  });
  return {
    generatedAt: data.generatedAt,
    durationMs: typeof data.durationMs === 'number' ? data.durationMs : 0,
    minFailures: typeof data.minFailures === 'number' ? data.minFailures : 1,
    results,
  };
}
