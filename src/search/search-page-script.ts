import { excerptParts, sentenceExcerpt } from './sentence-excerpt.ts';

/**
 * The search page's script. Results come as the reader types (after a pause of TYPING_PAUSE_MS), or on
 * Enter. It loads nothing until the reader searches: only then does it read the list of the index's
 * shards (/pagefind/shards.json, one Pagefind bundle for the newest month and one per earlier year, written by the build), import the
 * newest shard's bundle and merge the others into it, so that one query searches them all; Pagefind
 * then fetches just the index chunks the query needs. Without JavaScript the form still submits to
 * /search/?q=… and the page offers the topics to browse.
 */

interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
  filters: Record<string, string[]>;
}
interface Pagefind {
  search(query: string): Promise<{ results: { data(): Promise<PagefindResult> }[] }>;
}
interface PagefindBundle extends Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  mergeIndex(bundlePath: string, options: { baseUrl: string }): Promise<void>;
}

const MAX_RESULTS = 20;
/** How long typing must pause before a search runs: one search per word or so, not per key. */
const TYPING_PAUSE_MS = 300;
/** Shorter queries match too much to be worth showing while typing. */
const MIN_TYPED_LENGTH = 2;

export function enhanceSearch(root: Document): void {
  const form = root.querySelector<HTMLFormElement>('[data-search-form]');
  const output = root.querySelector<HTMLElement>('[data-search-results]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  if (!form || !output || !input) return;
  let pagefind: Promise<Pagefind> | undefined;

  const load = () => {
    pagefind ??= loadShards(form.dataset.index ?? '/pagefind/shards.json', form.dataset.base ?? '/');
    return pagefind;
  };

  let latest = 0;
  const show = async (query: string) => {
    const run = ++latest;
    output.replaceChildren(paragraph(`Searching for “${query}”…`));
    try {
      const { results } = await (await load()).search(query);
      const found = await Promise.all(results.slice(0, MAX_RESULTS).map((result) => result.data()));
      // A slower, older search must not overwrite the results of what the reader typed since.
      if (run !== latest) return;
      const heading = root.createElement('h2');
      heading.className = 'search-summary meta';
      heading.textContent =
        results.length === 0
          ? `No stories match “${query}”.`
          : `${results.length} ${results.length === 1 ? 'story matches' : 'stories match'} “${query}”`;
      const list = root.createElement('ol');
      for (const data of found) list.append(resultItem(root, data));
      output.replaceChildren(heading, ...(found.length > 0 ? [list] : []));
    } catch {
      output.replaceChildren(paragraph('Search is not available right now. Browse the topics below instead.'));
    }
  };

  const paragraph = (text: string) => {
    const p = root.createElement('p');
    p.className = 'meta';
    p.textContent = text;
    return p;
  };

  const search = (query: string) => {
    history.replaceState(null, '', `${form.action.split('?')[0]}?${new URLSearchParams({ q: query })}`);
    void show(query);
  };
  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    const query = input.value.trim();
    if (query.length >= MIN_TYPED_LENGTH) typing = setTimeout(() => search(query), TYPING_PAUSE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    const query = input.value.trim();
    if (query) search(query);
  });

  // Arriving with ?q= (from another page's form or a search engine) counts as searching.
  const initial = new URLSearchParams(location.search).get('q')?.trim();
  if (initial) {
    input.value = initial;
    void show(initial);
  }
}

/** Imports the newest shard's Pagefind bundle and merges the other shards into it. */
async function loadShards(manifestUrl: string, baseUrl: string): Promise<Pagefind> {
  const response = await fetch(manifestUrl);
  if (!response.ok) throw new Error(`${manifestUrl}: ${response.status}`);
  const { shards } = (await response.json()) as { shards: string[] };
  const folder = new URL('.', new URL(manifestUrl, location.href)).pathname;
  const [newest, ...older] = shards.map((shard) => `${folder}${shard}`);
  if (!newest) return { search: async () => ({ results: [] }) };
  const bundle = (await import(/* @vite-ignore */ `${newest}pagefind.js`)) as PagefindBundle;
  await bundle.options({ baseUrl });
  await Promise.all(older.map((shard) => bundle.mergeIndex(shard, { baseUrl })));
  return bundle;
}

function resultItem(root: Document, data: PagefindResult): HTMLLIElement {
  const item = root.createElement('li');
  const title = root.createElement('h3');
  const link = root.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  title.append(link);
  const excerpt = root.createElement('p');
  // Pagefind's excerpt is escaped page text with <mark> around the matches; it is rebuilt as text nodes.
  for (const part of sentenceExcerpt(excerptParts(data.excerpt))) {
    if (!part.mark) excerpt.append(part.text);
    else excerpt.append(Object.assign(root.createElement('mark'), { textContent: part.text }));
  }
  const facts = root.createElement('p');
  facts.className = 'meta';
  facts.textContent = [data.filters.author?.join(', '), data.filters.tag?.join(' · ')].filter(Boolean).join(' — ');
  item.append(title, excerpt, facts);
  return item;
}
