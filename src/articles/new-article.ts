import { tagSlug } from './tags.ts';

export interface NewArticleOptions {
  headline: string;
  author: string;
  tags: string[];
  date: Date;
  section?: string | undefined;
}

/** A URL slug for a headline: the same rules as tag slugs, trimmed to a sensible length at a word boundary. */
export function articleSlug(headline: string, maxLength = 80): string {
  const slug = tagSlug(headline);
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : maxLength);
}

const yamlString = (value: string) => JSON.stringify(value);

/** The file name and text of a new draft article whose frontmatter passes the schema. */
export function newArticleFile(options: NewArticleOptions): { fileName: string; contents: string } {
  const headline = options.headline.trim();
  if (!headline) throw new Error('Give the article a headline: npm run new -- "Your headline"');
  if (headline.length > 140) throw new Error(`The headline is ${headline.length} characters; the limit is 140.`);
  const slug = articleSlug(headline);
  if (!slug) throw new Error(`Cannot make a file name from the headline ${yamlString(headline)}.`);
  const lines = [
    '---',
    `title: ${yamlString(headline)}`,
    '# The standfirst: one or two sentences under the headline (at most 300 characters).',
    `description: ${yamlString('Write the standfirst here.')}`,
    `author: ${options.author}`,
    `date: ${options.date.toISOString()}`,
    ...(options.section ? [`section: ${yamlString(options.section)}`] : []),
    'tags:',
    ...options.tags.map((tag) => `  - ${yamlString(tag)}`),
    '# Drafts are shown by `npm run dev` and left out of the built site. Remove this line to publish.',
    'draft: true',
    '---',
    '',
    'Write the article here. Paragraphs are separated by a blank line.',
    '',
  ];
  return { fileName: `${slug}.mdx`, contents: lines.join('\n') };
}
