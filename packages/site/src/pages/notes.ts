/** The structured notes: an index, and one page per note whose items link the entries they cite. */
import type { Note } from '@virtbib/data';
import { dateText, shortAuthors } from '../format.js';
import { html } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import { entryPath, notePath, PAGES } from '../paths.js';

export function notesIndexPage(ctx: PageContext): string {
  const { notes } = ctx.model;
  const main = html`<h1>Notes</h1>
<p class="lead">Structured notes on questions that cut across topics. Each point cites the entries it draws on.</p>
${
  notes.length > 0
    ? html`<ul class="notes">${notes.map(
        (note) =>
          html`<li><h2><a href="${ctx.href(notePath(note.id))}">${note.title}</a></h2><p>${note.summary}</p></li>`,
      )}</ul>`
    : html`<p class="empty">There are no notes yet.</p>`
}`;
  return page(ctx, {
    title: 'Notes',
    description: 'Structured notes on virtualization research, each point linked to the entries it cites.',
    section: 'notes',
    main,
    breadcrumbs: [['Home', PAGES.home]],
  });
}

export function notePage(ctx: PageContext, note: Note): string {
  const main = html`<h1>${note.title}</h1>
<p class="lead">${note.summary}</p>
<nav class="toc" aria-label="Sections of this note"><ol>${note.sections.map(
    (section) => html`<li><a href="#${section.id}">${section.title}</a></li>`,
  )}</ol></nav>
${note.sections.map(
  (section) => html`<section id="${section.id}" aria-labelledby="${section.id}-heading">
<h2 id="${section.id}-heading">${section.title}</h2>
${section.items.map((item) => {
  const cited = item.entries.flatMap((id) => ctx.model.entry(id) ?? []);
  return html`<div class="note-item" id="${section.id}--${item.id}">
<h3>${item.title}</h3>
<p>${item.text}</p>
${
  cited.length > 0
    ? html`<p class="cites">Entries: </p><ul class="compact">${cited.map(
        (entry) =>
          html`<li><a href="${ctx.href(entryPath(entry.id))}">${entry.title}</a> <span class="meta">${shortAuthors(entry.authors)}, ${dateText(entry)}</span></li>`,
      )}</ul>`
    : ''
}
</div>`;
})}
</section>
`,
)}`;
  return page(ctx, {
    title: note.title,
    description: note.summary,
    section: 'notes',
    main,
    breadcrumbs: [
      ['Home', PAGES.home],
      ['Notes', PAGES.notes],
    ],
  });
}
