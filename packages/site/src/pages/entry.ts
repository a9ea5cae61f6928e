/** One page per entry: every field, the annotation, the links, related versions, topics, provenance, cite. */
import type { PublishedEntry } from '@virtbib/data';
import { dateText, familyName, nameList, relationLabel, typeLabel } from '../format.js';
import { citationHtml } from '../html/citation.js';
import { escapeHtml, type Html, html, type Interpolation, trusted } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { addedOf, peerReviewed, provenanceDetails } from '../model.js';
import { entryPath, PAGES, topicPath } from '../paths.js';
import { doiUrl, entryCount, entryLinks, linkBadge, webUrl } from './parts.js';

const SOURCES: Record<string, string> = {
  seed: 'the seed bibliography this collection started from',
  'mobile-notes': 'the notes on mobile virtualization',
  contributed: 'a contribution',
};

/** Field names of the dataset (as `unverified` lists them) for the rows of the field table. */
function unverifiedMark(entry: PublishedEntry, field: string): Html | '' {
  return (entry.unverified as readonly string[] | undefined)?.includes(field)
    ? html` <span class="badge unverified" title="Not checked against a bibliographic record">unverified</span>`
    : '';
}

function fieldRows(entry: PublishedEntry): Html {
  const rows: [string, Interpolation, string?][] = [];
  const add = (label: string, value: Interpolation, field?: string) => {
    if (value !== undefined && value !== '') rows.push([label, value, field]);
  };
  add('Type', typeLabel(entry.type));
  add(
    'Peer reviewed',
    peerReviewed(entry) ? undefined : 'No: a talk, documentation or other unreviewed work',
  );
  add('Authors', nameList(entry.authors), 'authors');
  add('Published', dateText(entry), entry.month === undefined ? 'year' : 'month');
  if (entry.containerTitle || entry.containerTitleShort)
    add(
      entry.type === 'paper-conference' ? 'Proceedings' : entry.type === 'webpage' ? 'Site' : 'In',
      entry.containerTitle && entry.containerTitleShort
        ? `${entry.containerTitle} (${entry.containerTitleShort})`
        : (entry.containerTitle ?? entry.containerTitleShort),
      'containerTitle',
    );
  add('Series', entry.collectionTitle);
  add('Editors', entry.editors && nameList(entry.editors));
  add('Volume', entry.volume, 'volume');
  add('Issue', entry.issue, 'issue');
  add('Pages', entry.pages?.replace('-', '–'), 'pages');
  add('Number', entry.number, 'number');
  add('Kind', entry.genre);
  add('Publisher', entry.publisher, 'publisher');
  add('Publisher’s place', entry.publisherPlace);
  add('Event place', entry.eventPlace);
  add('ISBN', entry.isbn, 'isbn');
  add('DOI', entry.doi && html`<a href="${doiUrl(entry.doi)}">${entry.doi}</a>`, 'doi');
  add(
    'Other DOIs',
    entry.alternateDois?.map((doi, i) => html`${i > 0 ? ', ' : ''}<a href="${doiUrl(doi)}">${doi}</a>`),
    'alternateDois',
  );
  add('Citation key', html`<code>${entry.id}</code>`);
  const added = addedOf(entry);
  add('Added to virtbib', added);
  return html`<dl class="fields">${rows.map(
    ([label, value, field]) =>
      html`<div><dt>${label}</dt><dd>${value}${field ? unverifiedMark(entry, field) : ''}</dd></div>`,
  )}</dl>`;
}

function linksSection(ctx: PageContext, entry: PublishedEntry): Html {
  const links = entryLinks(entry);
  if (links.length === 0) return html``;
  const report = ctx.model.linkReport;
  return html`<section aria-labelledby="links-heading">
<h2 id="links-heading">Links</h2>
<ul class="links">${links.map(
    (link) =>
      html`<li><span class="link-kind">${link.label}</span> ${
        link.href
          ? html`<a href="${link.href}">${link.text}</a>`
          : html`<span class="not-linked">${link.text}</span> <span class="badge">not a web address; not linked</span>`
      }${linkBadge(ctx, link.checked)}${unverifiedMark(entry, link.kind === 'doi' ? 'doi' : `urls.${link.kind}`)}</li>`,
  )}</ul>
${report ? html`<p class="note">Link states are from the <a href="${ctx.href(PAGES.links)}">link check</a> of ${report.generatedAt.slice(0, 10)}.</p>` : ''}
</section>`;
}

/** Source text with CR kept: the HTML parser turns a raw CR LF into LF, a character reference it keeps. */
function preformatted(text: string): Html {
  return trusted(escapeHtml(text).replace(/\r/g, '&#13;')); // escaped just above
}

function citeSection(ctx: PageContext, entry: PublishedEntry): Html {
  const { citations } = ctx.model;
  const apa = citations.cite(entry.id);
  const formats = [
    ['bibtex', 'BibTeX', citations.toBibTeX(entry.id)],
    ['ris', 'RIS', citations.toRIS(entry.id)],
    ['csl', 'CSL-JSON', citations.toCSL(entry.id)],
  ] as const;
  return html`<section class="cite" aria-labelledby="cite-heading">
<h2 id="cite-heading">Cite</h2>
<p class="apa" id="apa-html">${citationHtml(apa.html)}</p>
<pre hidden id="cite-apa">${apa.text}</pre>
<div class="copy-buttons" data-copy-buttons hidden>
<button type="button" data-copy="cite-apa" data-label="APA reference">Copy APA</button>
${formats.map(([id, label]) => html`<button type="button" data-copy="cite-${id}" data-label="${label}">Copy ${label}</button>\n`)}<p class="copy-status" role="status"></p>
</div>
${formats.map(
  ([id, label, text]) =>
    html`<details class="source"><summary>${label}</summary><pre id="cite-${id}" tabindex="0" aria-label="${label} of this entry">${preformatted(text)}</pre></details>\n`,
)}</section>`;
}

function relatedSection(ctx: PageContext, entry: PublishedEntry): Html {
  const related = ctx.model.related(entry);
  if (related.length === 0) return html``;
  return html`<section aria-labelledby="related-heading">
<h2 id="related-heading">Other versions and related work</h2>
<ul>${related.map(
    ({ relation, entry: other }) =>
      html`<li><span class="relation">${relationLabel(relation)}:</span> <a href="${ctx.href(entryPath(other.id))}">${other.title}</a> (${dateText(other)}${other.containerTitleShort ? `, ${other.containerTitleShort}` : ''})</li>`,
  )}</ul>
</section>`;
}

function topicsSection(ctx: PageContext, entry: PublishedEntry): Html {
  const topics = ctx.model.topicsOf(entry);
  if (topics.length === 0) return html``;
  return html`<section aria-labelledby="topics-heading">
<h2 id="topics-heading">In the reading order</h2>
<ul class="positions">${topics.map((topic) => {
    const at = topic.entries.indexOf(entry.id);
    const previous = at > 0 ? ctx.model.entry(topic.entries[at - 1]!) : undefined;
    const next = at >= 0 ? ctx.model.entry(topic.entries[at + 1] ?? '') : undefined;
    return html`<li><a href="${ctx.href(`${topicPath(topic.id)}#${entry.id}`)}">${topic.title}</a>: ${at + 1} of ${entryCount(topic.entries.length)}${
      previous || next
        ? html`<span class="prev-next">${previous ? html` · before: <a href="${ctx.href(entryPath(previous.id))}">${previous.title}</a>` : ''}${next ? html` · next: <a href="${ctx.href(entryPath(next.id))}">${next.title}</a>` : ''}</span>`
        : ''
    }</li>`;
  })}</ul>
</section>`;
}

function provenanceSection(entry: PublishedEntry): Html {
  const { provenance } = entry;
  const verified = provenance.verifiedWith ?? [];
  const corrections = provenance.corrections ?? [];
  const unverified = (entry.unverified as readonly string[] | undefined) ?? [];
  const details = provenanceDetails(entry);
  return html`<section aria-labelledby="provenance-heading">
<h2 id="provenance-heading">Provenance</h2>
<p>From ${SOURCES[provenance.source] ?? provenance.source}.${provenance.seedText ? html` It was cited there as: <q>${provenance.seedText}</q>` : ''}</p>
${
  verified.length > 0
    ? html`<p>The facts were checked against:</p><ul class="verified">${verified.map((url) => {
        const href = webUrl(url);
        return html`<li>${href ? html`<a href="${href}">${url}</a>` : url}</li>`;
      })}</ul>`
    : ''
}${details.note ? html`<p class="provenance-note"><strong>Note:</strong> ${details.note}</p>` : ''}${
  unverified.length > 0
    ? html`<p class="warning">Not checked against a record: ${unverified.map((f, i) => html`${i > 0 ? ', ' : ''}<code>${f}</code>`)}.${details.unverifiedReason ? html` ${details.unverifiedReason}` : ''}</p>`
    : ''
}${
  details.waivers.length > 0
    ? html`<p>Checked another way:</p><ul class="waivers">${details.waivers.map((w) => html`<li><code>${w.rule}</code>: ${w.reason}</li>`)}</ul>`
    : ''
}${
  corrections.length > 0
    ? html`<div class="table-scroll"><table class="corrections">
<caption>Corrections of the source</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Was</th><th scope="col">Now</th><th scope="col">Evidence</th></tr></thead>
<tbody>${corrections.map(
        (c) =>
          html`<tr><td><code>${c.field}</code></td><td>${c.was}</td><td>${c.now}</td><td>${c.evidence ?? ''}</td></tr>`,
      )}</tbody>
</table></div>`
    : ''
}
</section>`;
}

/** Highwire Press tags: Zotero's connector and Google Scholar read them to save the entry in one click. */
function citationMeta(entry: PublishedEntry): Html {
  const tags: [string, string | undefined][] = [['citation_title', entry.title]];
  for (const person of entry.authors)
    tags.push([
      'citation_author',
      'literal' in person
        ? person.literal
        : `${familyName(person)}${person.given ? `, ${person.given}` : ''}`,
    ]);
  if (entry.year !== undefined)
    tags.push([
      'citation_publication_date',
      [entry.year, entry.month, entry.month ? entry.day : undefined]
        .filter((part) => part !== undefined)
        .map((part) => String(part).padStart(2, '0'))
        .join('/'),
    ]);
  const container =
    entry.type === 'paper-conference'
      ? 'citation_conference_title'
      : entry.type === 'chapter' || entry.type === 'book'
        ? 'citation_inbook_title'
        : 'citation_journal_title';
  tags.push([container, entry.containerTitle]);
  tags.push(['citation_volume', entry.volume], ['citation_issue', entry.issue]);
  const [first, last] = (entry.pages ?? '').split('-');
  tags.push(['citation_firstpage', first || undefined], ['citation_lastpage', last]);
  tags.push(
    ['citation_publisher', entry.publisher],
    ['citation_doi', entry.doi],
    ['citation_isbn', entry.isbn],
  );
  if (entry.type === 'thesis') tags.push(['citation_dissertation_institution', entry.publisher]);
  if (entry.type === 'report') {
    tags.push(['citation_technical_report_institution', entry.publisher]);
    tags.push(['citation_technical_report_number', entry.number]);
  }
  const open = entry.urls?.open && webUrl(entry.urls.open);
  if (open && /\.pdf$/i.test(new URL(open).pathname)) tags.push(['citation_pdf_url', open]);
  return html`${tags
    .filter(([, value]) => value)
    .map(([name, value]) => html`<meta name="${name}" content="${value!}">\n`)}`;
}

export function entryPage(ctx: PageContext, entry: PublishedEntry): string {
  const topics = ctx.model.topicsOf(entry);
  const main = html`<article class="entry" aria-labelledby="entry-title">
<header>
<h1 id="entry-title">${entry.title}${unverifiedMark(entry, 'title')}</h1>
<p class="byline">${nameList(entry.authors)}</p>
<p class="meta">${dateText(entry)}${(entry.containerTitleShort ?? entry.containerTitle) ? html` · ${entry.containerTitleShort ?? entry.containerTitle}` : ''} · ${typeLabel(entry.type)}${peerReviewed(entry) ? '' : ' · not peer reviewed'}</p>
</header>
<section aria-labelledby="annotation-heading">
<h2 id="annotation-heading">Why read it</h2>
<p class="annotation">${entry.annotation}</p>
</section>
${linksSection(ctx, entry)}
${citeSection(ctx, entry)}
<section aria-labelledby="fields-heading">
<h2 id="fields-heading">Details</h2>
${fieldRows(entry)}
</section>
${relatedSection(ctx, entry)}
${topicsSection(ctx, entry)}
${provenanceSection(entry)}
</article>`;
  return page(ctx, {
    title: entry.title,
    description: `${nameList(entry.authors, 3)} (${entry.year ?? 'n.d.'}). ${entry.title}. Annotated in virtbib, a bibliography of virtualization research.`,
    section: 'entries',
    main,
    head: citationMeta(entry),
    scripts: [ctx.assets.copyScript],
    breadcrumbs: [
      ['Home', PAGES.home],
      ...(topics[0] ? ([[topics[0].title, topicPath(topics[0].id)]] as const) : []),
    ],
  });
}
