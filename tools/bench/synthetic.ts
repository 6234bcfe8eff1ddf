/**
 * Synthetic articles for the build benchmark: deterministic (same seed, same files),
 * realistic in length (800–1,500 words) and in the Markdown they use (sections, block
 * quotes, GFM tables, footnotes, pull quotes), with tags from a fixed vocabulary and
 * several authors. Pure: returns file contents; the caller writes them.
 */

export const tagVocabulary = [
  'Diplomacy',
  'Sanctions',
  'Energy',
  'Trade',
  'Elections',
  'Climate',
  'Security',
  'Economy',
  'Migration',
  'Health',
  'Technology',
  'Agriculture',
  'Shipping',
  'Finance',
  'Human rights',
  'Defence',
  'Education',
  'Infrastructure',
  'ASEAN',
  'Russia',
  'Myanmar',
  'China',
  'India',
  'European Union',
  'Africa',
  'Latin America',
  'Middle East',
  'Arctic',
  'Oil and gas',
  'Food security',
  'Cyber',
  'Courts',
] as const;

export const syntheticAuthors = [
  {
    id: 'amira-haddad',
    name: 'Amira Haddad',
    bio: 'Diplomatic correspondent covering the Middle East and North Africa.',
  },
  { id: 'jonas-lindqvist', name: 'Jonas Lindqvist', bio: 'Economics editor, formerly at a Nordic central bank.' },
  { id: 'mei-tanaka', name: 'Mei Tanaka', bio: 'Asia-Pacific correspondent based in Singapore.' },
  { id: 'kwame-mensah', name: 'Kwame Mensah', bio: 'Reports on trade, energy and infrastructure across West Africa.' },
  { id: 'lucia-ferreira', name: 'Lucía Ferreira', bio: 'Latin America editor and long-time observer of elections.' },
  { id: 'pavel-novak', name: 'Pavel Novák', bio: 'Security and defence analyst writing from Prague.' },
] as const;

const sections = ['World', 'Economy', 'Analysis', 'Opinion', 'Asia', 'Europe'];

const words = (
  'the government minister said talks would continue next week while officials in the capital signalled that ' +
  'a new agreement on energy and trade could be reached before the end of the year analysts warned that ' +
  'sanctions have already reshaped supply chains across the region and that ports railways and pipelines ' +
  'are being rebuilt to serve different markets diplomats described the meeting as constructive but ' +
  'cautioned that important differences remain over financing security guarantees and the timetable for ' +
  'implementation farmers exporters and small businesses say prices for fuel fertiliser and credit have ' +
  'risen sharply since the spring and opposition parties demanded a parliamentary inquiry into the ' +
  'contracts signed during the visit according to figures published by the statistics office exports grew ' +
  'by almost a fifth in the third quarter although much of the increase came from higher commodity prices ' +
  'rather than larger volumes independent economists expect growth to slow as the central bank keeps ' +
  'interest rates high to contain inflation which remains well above its target neighbouring states are ' +
  'watching closely because the outcome will shape regional cooperation on water migration and border ' +
  'management for years to come observers noted that the summit communique avoided direct criticism'
).split(' ');

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

function sentence(rng: Rng, min = 10, max = 24): string {
  const count = int(rng, min, max);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(rng, words));
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rng: Rng): string {
  const sentences: string[] = [];
  for (let i = int(rng, 3, 5); i > 0; i--) sentences.push(sentence(rng));
  return sentences.join(' ');
}

function titleCase(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Tags: popular ones more often (a Zipf-like skew, as on real news sites), 2–5 per article, no repeats. */
function tagsFor(rng: Rng): string[] {
  const tags = new Set<string>();
  const count = int(rng, 2, 5);
  while (tags.size < count) tags.add(tagVocabulary[Math.floor(tagVocabulary.length * rng() ** 2)]!);
  return [...tags];
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

export interface SyntheticArticle {
  id: string;
  /** The .mdx file's content. */
  source: string;
  words: number;
  /** File name (relative to articles/) of a hero image the caller must create, if any. */
  heroImage?: string;
}

export interface GenerateOptions {
  seed?: number;
  /** Every n-th article gets a hero image (0: none). */
  heroEvery?: number;
  /** Date of the oldest article; one article every 8 hours after it. */
  start?: Date;
}

const defaultStart = new Date('2016-01-04T06:00:00Z');
const articleSpacingMs = 8 * 3600_000;
/** The newest article of any archive is dated no later than this: a build publishes only articles dated in the past. */
const newestDate = new Date('2026-01-01T06:00:00Z');

/**
 * The date of the oldest article of an archive of `count` (plus the one a publish adds): the
 * usual start, or earlier for archives so large that one article every 8 hours would run past
 * `newestDate` (about 11,000 articles) into the future, where articles count as scheduled.
 */
export function archiveStart(count: number): Date {
  return new Date(Math.min(defaultStart.getTime(), newestDate.getTime() - count * articleSpacingMs));
}

/** The n-th synthetic article (0-based). */
export function syntheticArticle(index: number, options: GenerateOptions = {}): SyntheticArticle {
  const rng = random((options.seed ?? 7) * 1_000_003 + index);
  const start = options.start ?? defaultStart;
  const date = new Date(start.getTime() + index * articleSpacingMs);
  const titleWords = Array.from({ length: int(rng, 5, 10) }, () => pick(rng, words));
  const title = `${titleCase(titleWords.join(' '))} (${index + 1})`;
  const id = `bench-${String(index + 1).padStart(5, '0')}-${titleWords.slice(0, 3).join('-')}`;
  const tags = tagsFor(rng);
  const author = pick(rng, syntheticAuthors).id;
  const hero = options.heroEvery && index % options.heroEvery === 0 ? `images/${id}.jpg` : undefined;

  const frontmatter = [
    '---',
    `title: ${yamlString(title)}`,
    `description: ${yamlString(sentence(rng, 14, 28))}`,
    `author: ${author}`,
    `date: ${date.toISOString()}`,
    ...(rng() < 0.2 ? [`updated: ${new Date(date.getTime() + 6 * 3600_000).toISOString()}`] : []),
    `section: ${pick(rng, sections)}`,
    'tags:',
    ...tags.map((tag) => `  - ${yamlString(tag)}`),
    ...(hero
      ? [
          'image:',
          `  src: ./${hero}`,
          `  alt: ${yamlString(sentence(rng, 6, 10))}`,
          `  caption: ${yamlString(sentence(rng, 6, 12))}`,
          '  credit: Bench Photo Desk',
        ]
      : []),
    '---',
    '',
  ];

  const { body, count } = articleBody(rng);
  return {
    id,
    source: `${frontmatter.join('\n')}\n${body.join('\n\n')}\n`,
    words: count,
    ...(hero ? { heroImage: hero } : {}),
  };
}

/** A small Markdown table of made-up figures. */
function table(rng: Rng): string {
  const rows = Array.from(
    { length: int(rng, 3, 6) },
    (_, r) => `| ${titleCase(pick(rng, words))} ${r + 1} | ${int(rng, 1, 99)} | ${(rng() * 40).toFixed(1)}% |`,
  );
  return ['| Item | Count | Share |', '| --- | ---: | ---: |', ...rows].join('\n');
}

/** 800 to 1,500 words of paragraphs, with headings, a quote, perhaps a table, a pull quote and footnotes. */
function articleBody(rng: Rng): { body: string[]; count: number } {
  const target = int(rng, 800, 1500);
  const body: string[] = [];
  let count = 0;
  let footnotes = 0;
  const add = (block: string) => {
    body.push(block);
    count += block.split(/\s+/).filter((w) => /\w/.test(w)).length;
  };
  add(paragraph(rng));
  const quoteAt = int(rng, 2, 5);
  const tableAt = rng() < 0.5 ? int(rng, 4, 8) : -1;
  const pullAt = rng() < 0.3 ? int(rng, 3, 6) : -1;
  for (let i = 1; count < target; i++) {
    if (i % 5 === 0) add(`## ${titleCase(sentence(rng, 3, 7).slice(0, -1))}`);
    if (i === quoteAt) add(`> ${sentence(rng, 16, 30)} ${sentence(rng, 10, 20)}`);
    if (i === pullAt) add(`<PullQuote cite="${pick(rng, syntheticAuthors).name}">${sentence(rng, 8, 14)}</PullQuote>`);
    if (i === tableAt) add(table(rng));
    let text = paragraph(rng);
    if (footnotes < 3 && rng() < 0.25) text += `[^${++footnotes}]`;
    add(text);
  }
  for (let n = 1; n <= footnotes; n++) add(`[^${n}]: ${sentence(rng, 6, 14)}`);
  return { body, count };
}

/** The authors' YAML files, by file name. */
export function syntheticAuthorFiles(): Record<string, string> {
  return Object.fromEntries(
    syntheticAuthors.map((a) => [`${a.id}.yaml`, `name: ${yamlString(a.name)}\nbio: ${yamlString(a.bio)}\n`]),
  );
}

/**
 * The article with one paragraph changed (a sentence added to its first paragraph), as an editor
 * would correct a story after publishing: frontmatter and every other paragraph stay as they are.
 */
export function editedArticle(source: string): string {
  const bodyStart = source.indexOf('\n---\n', 4) + '\n---\n\n'.length;
  const paragraphEnd = source.indexOf('\n\n', bodyStart);
  if (bodyStart < '\n---\n\n'.length || paragraphEnd < 0)
    throw new Error('editedArticle: no frontmatter or no first paragraph');
  return `${source.slice(0, paragraphEnd)} This paragraph was corrected after publication.${source.slice(paragraphEnd)}`;
}
