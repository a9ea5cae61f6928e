// The search page: loads the index built at build time into MiniSearch and shows results as you type,
// narrowed by topic, year range and type. The state lives in the address (?q=&topic=&from=&to=&type=), so
// a search can be shared, reloaded, or arrive from the search boxes of other pages.

/** Written in front of this script at build time: the very function the index was built with. */
declare const virtbibProcessTerm: (term: string) => string | null;
/** Written in front of this script too: expands the compact index (search/compact.ts) for MiniSearch. */
declare const virtbibExpandIndex: (compact: unknown) => unknown;

interface IndexScript {
  fields: string[];
  storeFields: string[];
  searchOptions: Record<string, unknown>;
  json: string;
}

interface Stored {
  id: string;
  title: string;
  by: string;
  year: string;
  where: string;
  type: string;
  topicIds: string[];
  path?: string;
}

interface SearchIndex {
  search(
    query: string | symbol,
    options?: Record<string, unknown> & { filter?: (result: Stored) => boolean },
  ): (Stored & { score: number })[];
}

interface MiniSearchStatic {
  loadJS(js: unknown, options: Record<string, unknown>): SearchIndex;
  wildcard: symbol;
}

// Declaration merging with the DOM's Window: what the other scripts put on the page.
// biome-ignore lint/correctness/noUnusedVariables: merged into the global Window type
interface Window {
  MiniSearch?: MiniSearchStatic;
  virtbibSearchIndex?: IndexScript;
  /** For the benchmark and the tests: runs a search as typing would, synchronously. */
  virtbibSearch?: { run(query: string): number; ready: boolean };
}

(() => {
  const PAGE_SIZE = 50;
  const form = document.getElementById('search-form') as HTMLFormElement | null;
  const input = document.getElementById('q') as HTMLInputElement | null;
  const topic = document.getElementById('topic') as HTMLSelectElement | null;
  const from = document.getElementById('from') as HTMLInputElement | null;
  const to = document.getElementById('to') as HTMLInputElement | null;
  const type = document.getElementById('type') as HTMLSelectElement | null;
  const status = document.getElementById('search-status');
  const list = document.getElementById('results') as HTMLOListElement | null;
  const more = document.getElementById('more') as HTMLButtonElement | null;
  if (!form || !input || !topic || !from || !to || !type || !status || !list || !more) return;

  const data = window.virtbibSearchIndex;
  const MiniSearch = window.MiniSearch;
  if (!data || !MiniSearch) {
    status.textContent =
      'The search index could not be loaded. Browse the topics from the home page instead.';
    return;
  }
  const index = MiniSearch.loadJS(virtbibExpandIndex(JSON.parse(data.json)), {
    fields: data.fields,
    storeFields: data.storeFields,
    processTerm: virtbibProcessTerm,
  });

  // Labels come from the filters' own options, which the build wrote: one source for both.
  const label = (select: HTMLSelectElement, value: string) =>
    [...select.options].find((o) => o.value === value)?.text ?? value;

  // Where entry pages are, from this page: the form posts to this page, so its action is the way back.
  const base = new URL('.', form.action).href;

  let results: Stored[] = [];
  let shown = 0;

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  topic.value = params.get('topic') ?? '';
  from.value = params.get('from') ?? '';
  to.value = params.get('to') ?? '';
  type.value = params.get('type') ?? '';
  // An unknown value (a topic that no longer exists) falls back to "all".
  if (topic.selectedIndex < 0) topic.value = '';
  if (type.selectedIndex < 0) type.value = '';

  function filter(): ((r: Stored) => boolean) | undefined {
    const t = topic!.value;
    const k = type!.value;
    const lo = Number.parseInt(from!.value, 10);
    const hi = Number.parseInt(to!.value, 10);
    if (!t && !k && Number.isNaN(lo) && Number.isNaN(hi)) return undefined;
    return (r) => {
      if (t && !r.topicIds.includes(t)) return false;
      if (k && r.type !== k) return false;
      const year = Number.parseInt(r.year, 10);
      if (!Number.isNaN(lo) && !(year >= lo)) return false;
      if (!Number.isNaN(hi) && !(year <= hi)) return false;
      return true;
    };
  }

  function describe(count: number, query: string): string {
    const what = count === 1 ? '1 entry' : `${count.toLocaleString('en-US')} entries`;
    const parts: string[] = [];
    if (topic!.value) parts.push(`in ${label(topic!, topic!.value)}`);
    if (type!.value) parts.push(`of type ${label(type!, type!.value)}`);
    if (from!.value || to!.value)
      parts.push(`from ${from!.value || 'the first year'} to ${to!.value || 'today'}`);
    const filters = parts.length > 0 ? ` ${parts.join(', ')}` : '';
    if (!query) return `${what}${filters}.`;
    return count === 0
      ? `No entry matches “${query}”${filters}. Try fewer words or other filters.`
      : `${what} match${count === 1 ? 'es' : ''} “${query}”${filters}.`;
  }

  function item(result: Stored): HTMLLIElement {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = new URL(result.path ?? `entries/${result.id}.html`, base).href;
    link.textContent = result.title;
    link.className = 'result-title';
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = [result.by, result.year, result.where, label(type!, result.type)]
      .filter(Boolean)
      .join(' · ');
    li.append(link, document.createElement('br'), meta);
    return li;
  }

  function showMore(): void {
    const next = results.slice(shown, shown + PAGE_SIZE);
    const fragment = document.createDocumentFragment();
    for (const r of next) fragment.append(item(r));
    list!.append(fragment);
    shown += next.length;
    more!.hidden = shown >= results.length;
    if (!more!.hidden)
      more!.textContent = `Show more results (${(results.length - shown).toLocaleString('en-US')} left)`;
  }

  /** Runs the search and shows the first results: by score, or newest first when nothing is typed. */
  function run(): number {
    const query = input!.value.trim();
    const options: Record<string, unknown> = { filter: filter() };
    if (query) {
      results = index.search(query, { ...data!.searchOptions, ...options });
    } else {
      results = index
        .search(MiniSearch!.wildcard, options)
        .sort(
          (a, b) =>
            (Number.parseInt(b.year, 10) || 0) - (Number.parseInt(a.year, 10) || 0) ||
            (a.title < b.title ? -1 : 1),
        );
    }
    list!.replaceChildren();
    shown = 0;
    showMore();
    status!.textContent = describe(results.length, query);
    return results.length;
  }

  function remember(): void {
    const next = new URLSearchParams();
    for (const [name, value] of [
      ['q', input!.value.trim()],
      ['topic', topic!.value],
      ['from', from!.value],
      ['to', to!.value],
      ['type', type!.value],
    ] as const)
      if (value) next.set(name, value);
    const search = next.toString();
    try {
      history.replaceState(null, '', search ? `?${search}` : location.pathname);
    } catch {
      // Some browsers refuse to change the address of a page opened from disk; the search still works.
    }
  }

  function update(): void {
    run();
    remember();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
    list.querySelector('a')?.focus();
  });
  input.addEventListener('input', update);
  for (const control of [topic, from, to, type]) control.addEventListener('change', update);
  more.addEventListener('click', () => {
    const first = shown;
    showMore();
    list.querySelectorAll('a')[first]?.focus();
  });

  // The arrow keys move between the search box and the results; Tab works as everywhere.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = list.querySelector('a');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)]?.focus();
    else if (at === 0) input.focus();
    else links[at - 1]?.focus();
  });

  window.virtbibSearch = {
    ready: true,
    run(query: string): number {
      input.value = query;
      return run();
    },
  };
  run();
})();
