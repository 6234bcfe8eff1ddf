/**
 * The admin's preview of an article, in the site's own markup and classes (ArticleHeader,
 * HeroImage, the prose column), so that preview.css styles it as the published page.
 * Decap renders it with React inside the preview frame; `h` is Decap's createElement.
 */
type Child = unknown;
export type CreateElement = (type: string, props: Record<string, unknown> | null, ...children: Child[]) => unknown;

/** The part of Decap's preview props this template reads. */
export interface PreviewProps {
  entry: { getIn(path: string[]): unknown };
  widgetFor(name: string): unknown;
  getAsset(path: string): { toString(): string };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/** The line above the headline: the "Breaking" label and the section, as ArticleHeader.astro has them. */
function kickerLine(h: CreateElement, kicker: string | undefined, breaking: boolean): unknown {
  if (!kicker && !breaking) return null;
  const label = breaking ? h('span', { className: 'breaking-label' }, 'Breaking') : null;
  return h('p', { className: 'kicker' }, label, breaking && kicker ? ' ' : null, kicker ?? null);
}

export function articlePreview(h: CreateElement) {
  return function ArticlePreview({ entry, widgetFor, getAsset }: PreviewProps) {
    const field = (...path: string[]) => text(entry.getIn(['data', ...path]));
    const imageSrc = field('image', 'src');
    const caption = field('image', 'caption');
    const credit = field('image', 'credit');
    const tags = entry.getIn(['data', 'tags']) as { first?: () => unknown } | undefined;
    const kicker = field('section') ?? text(tags?.first?.());
    return h(
      'main',
      null,
      h(
        'article',
        { className: 'article page-width' },
        h(
          'header',
          { className: 'article-header' },
          kickerLine(h, kicker, entry.getIn(['data', 'breaking']) === true),
          h('h1', { className: 'headline' }, field('title') ?? 'Untitled'),
          field('description') ? h('p', { className: 'dek' }, field('description')) : null,
        ),
        imageSrc
          ? h(
              'figure',
              { className: 'hero' },
              h('img', { src: getAsset(imageSrc).toString(), alt: field('image', 'alt') ?? '' }),
              caption || credit
                ? h(
                    'figcaption',
                    { className: 'meta' },
                    caption ?? '',
                    caption && credit ? ' ' : '',
                    credit ? h('span', { className: 'credit' }, credit) : null,
                  )
                : null,
            )
          : null,
        h('div', { className: 'prose' }, widgetFor('body')),
      ),
    );
  };
}
