import { compile } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import {
  figureFromBlock,
  figurePattern,
  figureToBlock,
  galleryFromBlock,
  galleryPattern,
  galleryToBlock,
} from '../../../src/cms/media-blocks.ts';
import { htmlToMdx, type BodyContext } from '../../../src/import/wordpress/html-to-mdx.ts';

const site = 'https://old.example';
const context = (overrides: Partial<BodyContext> = {}): BodyContext => ({
  siteUrl: site,
  resolveImage: (url) =>
    url.includes('/uploads/2022/08/')
      ? `./images/2022/08/${url
          .split('/')
          .pop()!
          .replace(/-\d+x\d+/, '')}`
      : null,
  attachment: (id) => ({
    url: `${site}/wp-content/uploads/2022/08/g${id}.jpg`,
    alt: `Picture ${id}`,
    caption: `Caption ${id}`,
  }),
  footnotes: [],
  ...overrides,
});

/** Converts, and proves the result compiles as MDX with the site's Markdown extensions. */
async function convert(html: string, overrides?: Partial<BodyContext>) {
  const result = await htmlToMdx(html, context(overrides));
  await compile(result.mdx, { remarkPlugins: [remarkGfm] });
  return result;
}

describe('classic-editor text', () => {
  it('makes paragraphs of blank-line-separated text and line breaks of single newlines, as wpautop does', async () => {
    const { mdx, firstParagraph } = await convert('First line\nsecond line.\n\nA <strong>second</strong> paragraph.');
    expect(mdx).toBe('First line\\\nsecond line.\n\nA **second** paragraph.\n');
    expect(firstParagraph).toBe('First line second line.');
  });

  it('escapes what MDX would read as code or tags', async () => {
    const { mdx } = await convert('<p>Costs {rose} by &lt;5% and a < b, see <code>{x}</code>.</p>');
    expect(mdx).toContain('\\{rose}');
    expect(mdx).toContain('\\<5%');
    expect(mdx).toContain('`{x}`');
  });

  it('turns [caption] into a Figure with the copied image, its caption (with its emphasis) as the Figure’s content', async () => {
    const { mdx } = await convert(
      `[caption id="attachment_5" align="aligncenter" width="800"]<a href="${site}/wp-content/uploads/2022/08/a-1024x683.jpg">` +
        `<img src="${site}/wp-content/uploads/2022/08/a-1024x683.jpg" alt="Alt text" /></a> The <em>caption</em>[/caption]`,
    );
    expect(mdx).toBe('<Figure src="./images/2022/08/a.jpg" alt="Alt text">The _caption_</Figure>\n');
  });

  it('takes a caption from the shortcode attribute too', async () => {
    const { mdx } = await convert(
      `[caption caption="From the attribute"]<img src="https://elsewhere.example/b.jpg" alt="B" />[/caption]`,
    );
    expect(mdx).toBe('[Picture: B (on the old site)](https://elsewhere.example/b.jpg)\n\nFrom the attribute\n');
  });

  it('expands [gallery ids] from the attachments into a Gallery the CMS opens as its gallery block', async () => {
    const { mdx } = await convert('[gallery ids="7,8"]');
    expect(mdx).toBe(
      '<Gallery>\n' +
        '  <Figure src="./images/2022/08/g7.jpg" alt="Picture 7" caption="Caption 7" />\n' +
        '  <Figure src="./images/2022/08/g8.jpg" alt="Picture 8" caption="Caption 8" />\n' +
        '</Gallery>\n',
    );
    const block = galleryPattern.exec(mdx)!;
    expect(galleryToBlock(galleryFromBlock(block))).toBe(block[0]);
  });

  it('takes a picture out of its paragraph as a Figure, with an alt text from its file name when it had none', async () => {
    const { mdx, changes } = await convert(
      `<p>Before the picture <img src="${site}/wp-content/uploads/2022/08/the-old-quay-300x200.jpg" alt=""> after it.</p>`,
    );
    expect(mdx).toBe(
      'Before the picture\n\n<Figure src="./images/2022/08/the-old-quay.jpg" alt="the old quay" />\n\nafter it.\n',
    );
    expect(figureToBlock(figureFromBlock(figurePattern.exec(mdx)!))).toBe(figurePattern.exec(mdx)![0]);
    expect(changes).toContain('picture without alt text: its caption or file name is its alt text (edit it)');
  });

  it('keeps a picture that links elsewhere as a local Markdown image inside its link', async () => {
    const { mdx } = await convert(
      `<p><a href="https://elsewhere.example/"><img src="${site}/wp-content/uploads/2022/08/y.jpg" alt="Y"></a></p>`,
    );
    expect(mdx).toBe('[![Y](./images/2022/08/y.jpg)](https://elsewhere.example/)\n');
  });

  it('keeps unknown shortcodes as text and names them, but not bracketed prose', async () => {
    const result = await convert(
      'Write to us: [contact-form-7 id="58" title="Tips"]. He said [sic] it twice. [[gallery]] is how you write it.',
    );
    expect(result.unknownShortcodes).toEqual(['contact-form-7']);
    expect(result.mdx).toContain('\\[contact-form-7 id="58" title="Tips"]');
    expect(result.mdx).toContain('\\[sic]');
    expect(result.mdx).toContain('\\[gallery] is how');
  });
});

describe('tagDiv Newspaper markup', () => {
  it('makes the theme’s pull quote of the text a PullQuote and keeps styled paragraphs as plain ones', async () => {
    const { mdx } = await convert(
      '<p style="text-align: justify;">Text before: relations are {deep}.</p><div class="td-a-rec td-a-rec-id-content_inline"></div>' +
        '<blockquote class="td_pull_quote td_pull_center"><p>Relations are {deep}</p></blockquote><p>After.</p>',
    );
    expect(mdx).toBe(
      'Text before: relations are \\{deep}.\n\n<PullQuote>Relations are \\{deep}</PullQuote>\n\nAfter.\n',
    );
  });

  it('reads the old wp-caption markup (div and p.wp-caption-text)', async () => {
    const { mdx } = await convert(
      `<div class="wp-caption aligncenter"><img src="${site}/wp-content/uploads/2022/08/c-300x200.jpg" alt="C">` +
        '<p class="wp-caption-text">Old caption</p></div>',
    );
    expect(mdx).toBe('<Figure src="./images/2022/08/c.jpg" alt="C" caption="Old caption" />\n');
  });
});

describe('block-editor content', () => {
  it('drops block comments and keeps tables as GFM with their caption', async () => {
    const { mdx, unknownBlocks } = await convert(
      '<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Name</th><th>Share</th></tr></thead>' +
        '<tbody><tr><td>A | B</td><td>&lt;1%</td></tr></tbody></table><figcaption class="wp-element-caption">Shares.</figcaption></figure><!-- /wp:table -->',
    );
    expect(mdx).not.toContain('<!--');
    expect(mdx).toContain('| Name   | Share |');
    expect(mdx).toContain('| A \\| B | \\<1%  |');
    expect(mdx).toContain('\nShares.\n');
    expect(unknownBlocks).toEqual([]);
  });

  it('keeps embeds as links and lists them', async () => {
    const result = await convert(
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc"} --><figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=abc\n</div></figure><!-- /wp:embed -->' +
        '<p><iframe src="https://www.youtube-nocookie.com/embed/xyz" width="560"></iframe></p>' +
        '<blockquote class="twitter-tweet"><p>A post on X</p>&mdash; Someone <a href="https://twitter.com/someone/status/1">date</a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>',
    );
    expect(result.embeds).toEqual(['https://www.youtube.com/watch?v=abc', 'https://www.youtube.com/watch?v=xyz']);
    expect(result.mdx).toContain('[https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)');
    expect(result.mdx).toContain('> A post on X');
    expect(result.mdx).not.toContain('script');
  });

  it('names blocks that save no HTML and unknown ones in the report, never to readers', async () => {
    const result = await convert(
      '<!-- wp:paragraph --><p>Text.</p><!-- /wp:paragraph --><!-- wp:jetpack/subscriptions /--><!-- wp:more /-->' +
        '<!-- wp:acme/box --><div class="acme">Boxed text</div><!-- /wp:acme/box -->',
    );
    expect(result.unknownBlocks).toEqual(['acme/box', 'jetpack/subscriptions']);
    expect(result.mdx).toBe('Text.\n\nBoxed text\n');
  });

  it('turns footnotes into GFM footnotes, numbered in order', async () => {
    const { mdx } = await convert(
      '<p>One<sup data-fn="b2" class="fn"><a href="#b2">1</a></sup> and two<sup data-fn="a1" class="fn"><a href="#a1">2</a></sup>.</p><!-- wp:footnotes /-->',
      {
        footnotes: [
          { id: 'a1', content: 'Second {note}.' },
          { id: 'b2', content: 'First <em>note</em>.' },
        ],
      },
    );
    expect(mdx).toBe('One[^1] and two[^2].\n\n[^2]: Second \\{note}.\n\n[^1]: First _note_.\n');
  });

  it('demotes a heading 1 in the body: the article title is the page’s only h1', async () => {
    expect((await convert('<h1>Inside</h1><p>x</p>')).mdx).toBe('## Inside\n\nx\n');
  });

  it('turns a gallery block into a Gallery with its caption; a picture not made local follows it as a link', async () => {
    const { mdx } = await convert(
      '<figure class="wp-block-gallery">' +
        `<figure class="wp-block-image"><img src="${site}/wp-content/uploads/2022/08/p1-1024x576.jpg" alt="P1"/><figcaption>One</figcaption></figure>` +
        '<figure class="wp-block-image"><img src="https://cdn.example/p2.jpg" alt="P2"/></figure>' +
        '<figcaption class="blocks-gallery-caption">Both</figcaption></figure>',
    );
    expect(mdx).toBe(
      '<Gallery caption="Both">\n  <Figure src="./images/2022/08/p1.jpg" alt="P1" caption="One" />\n</Gallery>\n\n' +
        '[Picture: P2 (on the old site)](https://cdn.example/p2.jpg)\n',
    );
  });
});
