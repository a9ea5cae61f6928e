/**
 * The timeline: entries per year of publication, stacked by topic. The chart is drawn at build time by
 * Observable Plot into a DOM that linkedom provides, and shipped as inline SVG: no chart script runs in
 * the browser. It has a title and a description for assistive technology, and the same numbers follow as
 * a table.
 */
import * as Plot from '@observablehq/plot';
import type { PublishedEntry } from '@virtbib/data';
import { parseHTML } from 'linkedom';
import { count } from '../format.js';
import { type Html, html, trusted } from '../html/html.js';
import { type PageContext, page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { PAGES, topicPath } from '../paths.js';
import { entryCount } from './parts.js';

/**
 * Twenty colours, distinct in light and dark mode: Tableau's ten, then their light companions, so that
 * neighbouring topics never share a hue. Past twenty topics the colours repeat.
 */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#a0cbe8',
  '#ffbe7d',
  '#ff9d9a',
  '#86bcb6',
  '#8cd17d',
  '#f1ce63',
  '#d4a6c8',
  '#fabfd2',
  '#d7b5a6',
  '#79706e',
];

export interface TimelineData {
  /** One bar segment: the entries of a year whose first topic is this one. */
  cells: { year: number; topic: string; title: string; count: number }[];
  /** The topics present, in reading order, with their colour. */
  topics: { id: string; title: string; color: string }[];
  years: number[];
  undated: number;
}

/** An entry is counted once, under its first topic, so that the bars add up to the number of entries. */
export function timelineData(model: SiteModel): TimelineData {
  const cells = new Map<string, TimelineData['cells'][number]>();
  const used = new Set<string>();
  let undated = 0;
  const primary = (entry: PublishedEntry) => model.topicsOf(entry)[0];
  for (const entry of model.entries) {
    const topic = primary(entry);
    if (entry.year === undefined || !topic) {
      undated++;
      continue;
    }
    used.add(topic.id);
    const key = `${entry.year} ${topic.id}`;
    const cell = cells.get(key) ?? { year: entry.year, topic: topic.id, title: topic.title, count: 0 };
    cell.count++;
    cells.set(key, cell);
  }
  // A topic's colour follows its place among all topics, so it keeps its colour as other topics fill up.
  const topics = model.topics
    .map((t, i) => ({ id: t.id, title: t.title, color: PALETTE[i % PALETTE.length]! }))
    .filter((t) => used.has(t.id));
  const order = new Map<string, number>(topics.map((t, i) => [t.id, i]));
  const sorted = [...cells.values()].sort(
    (a, b) => a.year - b.year || order.get(a.topic)! - order.get(b.topic)!,
  );
  const years = [...new Set(sorted.map((c) => c.year))];
  return { cells: sorted, topics, years, undated };
}

export interface Chart {
  svg: Html;
  /** The colour of each topic, for the legend. */
  colors: Map<string, string>;
  description: string;
}

export function describe(data: TimelineData): string {
  if (data.cells.length === 0) return 'No dated entries yet.';
  const perYear = new Map<number, number>();
  for (const c of data.cells) perYear.set(c.year, (perYear.get(c.year) ?? 0) + c.count);
  const total = [...perYear.values()].reduce((a, b) => a + b, 0);
  const [busiest, most] = [...perYear.entries()].reduce((best, e) => (e[1] > best[1] ? e : best));
  const perTopic = new Map<string, number>();
  for (const c of data.cells) perTopic.set(c.title, (perTopic.get(c.title) ?? 0) + c.count);
  const [topTopic, topCount] = [...perTopic.entries()].reduce((best, e) => (e[1] > best[1] ? e : best));
  return `Stacked bar chart of ${entryCount(total)} by year of publication, from ${data.years[0]} to ${data.years.at(-1)}, coloured by topic. The year with the most entries is ${busiest} (${most}); the largest topic is ${topTopic} (${count(topCount, 'entry', 'entries')}).`;
}

export function renderChart(data: TimelineData): Chart {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const description = describe(data);
  const perYear = new Map<number, number>();
  for (const c of data.cells) perYear.set(c.year, (perYear.get(c.year) ?? 0) + c.count);
  const tallest = Math.max(0, ...perYear.values());
  const first = data.years[0] ?? 2000;
  const last = data.years.at(-1) ?? first;
  const plot = Plot.plot({
    document: document as unknown as NonNullable<Plot.PlotOptions['document']>,
    width: 960,
    height: 420,
    marginLeft: 44,
    marginBottom: 36,
    ariaLabel: 'Entries per year, by topic',
    ariaDescription: description,
    x: { label: 'Year of publication', domain: [first, last + 1], tickFormat: 'd', nice: false },
    // No more ticks than entries in the tallest bar, so that every tick is a whole number.
    y: { label: 'Entries', grid: true, tickFormat: 'd', ticks: Math.max(1, Math.min(tallest, 8)) },
    color: {
      type: 'ordinal',
      domain: data.topics.map((t) => t.title),
      range: data.topics.map((t) => t.color),
    },
    marks: [
      Plot.rectY(
        data.cells,
        Plot.stackY({
          x: 'year',
          interval: 1,
          y: 'count',
          fill: 'title',
          inset: 0.5,
          title: (c: TimelineData['cells'][number]) => `${c.year}, ${c.title}: ${entryCount(c.count)}`,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
  // linkedom's elements, typed by what is used of them (this package compiles without the DOM's types).
  type Node = { setAttribute(n: string, v: string): void; textContent: string | null };
  const svg = plot as unknown as Node & {
    firstChild: unknown;
    outerHTML: string;
    insertBefore(node: Node, before: unknown): void;
    removeAttribute(name: string): void;
    querySelectorAll(selector: string): Iterable<{ removeAttribute(name: string): void }>;
  };
  const ns = 'http://www.w3.org/2000/svg';
  const title = document.createElementNS(ns, 'title') as unknown as Node;
  title.setAttribute('id', 'timeline-title');
  title.textContent = 'Entries per year, by topic';
  const desc = document.createElementNS(ns, 'desc') as unknown as Node;
  desc.setAttribute('id', 'timeline-desc');
  desc.textContent = description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', 'timeline-title');
  svg.setAttribute('aria-describedby', 'timeline-desc');
  // The description lives in <desc>; the attribute Plot writes is not standard ARIA. Plot also labels its
  // groups of marks ("rule", "bar"), which ARIA forbids on elements without a role; inside an image they
  // are not announced anyway.
  svg.removeAttribute('aria-description');
  svg.removeAttribute('aria-label');
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  const colors = new Map(data.topics.map((t) => [t.id, t.color]));
  // linkedom serialized this DOM, which Plot built from our numbers and from text it escaped.
  return { svg: trusted(svg.outerHTML), colors, description };
}

export function timelinePage(ctx: PageContext, chart: Chart, data: TimelineData): string {
  const byYear = new Map<number, TimelineData['cells']>();
  for (const c of data.cells) byYear.set(c.year, [...(byYear.get(c.year) ?? []), c]);
  const main = html`<h1>Timeline</h1>
<p class="lead">The entries by year of publication, each counted once under its first topic.${data.undated > 0 ? ` ${count(data.undated, 'undated entry', 'undated entries')} ${data.undated === 1 ? 'is' : 'are'} left out.` : ''}</p>
<figure class="timeline">
<div class="chart-scroll">${chart.svg}</div>
<figcaption>
<ul class="legend" aria-label="Topics and their colours">${data.topics.map(
    (t) =>
      html`<li><span class="swatch" style="background-color: ${chart.colors.get(t.id) ?? 'currentColor'}" aria-hidden="true"></span><a href="${ctx.href(topicPath(t.id))}">${t.title}</a></li>`,
  )}</ul>
</figcaption>
</figure>
<details class="data-table"><summary>The numbers as a table</summary>
<div class="table-scroll"><table>
<caption>Entries per year and topic</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Entries</th><th scope="col">By topic</th></tr></thead>
<tbody>${[...byYear.entries()].map(
    ([year, cells]) =>
      html`<tr><th scope="row">${year}</th><td class="num">${cells.reduce((n, c) => n + c.count, 0)}</td><td>${cells.map((c) => `${c.title} ${c.count}`).join(', ')}</td></tr>`,
  )}</tbody>
</table></div>
</details>`;
  return page(ctx, {
    title: 'Timeline',
    description: chart.description,
    section: 'timeline',
    main,
    breadcrumbs: [['Home', PAGES.home]],
  });
}
