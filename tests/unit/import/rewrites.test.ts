/**
 * Each WordPress construct's rewrite, through the whole conversion (HTML → MDX that compiles):
 * what readers get, and what the report is told when something is left out or simplified.
 */
import { compile } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { htmlToMdx, type BodyContext } from '../../../src/import/wordpress/html-to-mdx.ts';

const site = 'https://blog.example';
const local = (url: string) =>
  url.startsWith(`${site}/wp-content/uploads/`) ? `../uploads/${url.split('/uploads/')[1]}` : null;
const context = (overrides: Partial<BodyContext> = {}): BodyContext => ({
  siteUrl: site,
  resolveImage: local,
  resolveFile: (url) => {
    const path = local(url);
    return path ? { local: path, source: '/nonexistent' } : null;
  },
  attachment: (id) => ({ url: `${site}/wp-content/uploads/2024/01/g${id}.jpg`, alt: `Picture ${id}`, caption: '' }),
  postAttachments: () => [
    { url: `${site}/wp-content/uploads/2024/01/a.jpg`, alt: 'A', caption: 'First' },
    { url: `${site}/wp-content/uploads/2024/01/notes.pdf`, alt: '', caption: '' },
    { url: `${site}/wp-content/uploads/2024/01/b.jpg`, alt: 'B', caption: '' },
  ],
  footnotes: [],
  ...overrides,
});

async function convert(html: string, overrides?: Partial<BodyContext>) {
  const result = await htmlToMdx(html, context(overrides));
  await compile(result.mdx, { remarkPlugins: [remarkGfm] });
  return result;
}

describe('words and structure Markdown has no syntax for', () => {
  it('keeps sub and sup', async () => {
    const { mdx } = await convert('<p>H<sub>2</sub>O and E = MC<sup>2</sup>.</p>');
    expect(mdx).toBe('H<sub>2</sub>O and E = MC<sup>2</sup>.\n');
  });

  it('keeps abbr and makes acronym an abbr, in the same paragraph', async () => {
    const { mdx } = await convert(
      'The <acronym title="World Health Organization">WHO</acronym> said so, <abbr title="et cetera">etc.</abbr>',
    );
    expect(mdx).toBe(
      'The <abbr title="World Health Organization">WHO</abbr> said so, <abbr title="et cetera">etc.</abbr>\n',
    );
  });

  it('keeps a definition list as one', async () => {
    const { mdx } = await convert('<dl><dt>Term</dt><dd>Its <em>meaning</em>.</dd></dl>');
    expect(mdx).toMatch(/^<dl>\n {2}<dt>\n {4}Term\n {2}<\/dt>\n\n {2}<dd>\n {4}Its _meaning_.\n {2}<\/dd>\n<\/dl>\n$/);
  });

  it('keeps where a list starts, and a list that counts down', async () => {
    expect((await convert('<ol start="4"><li>four</li><li>five</li></ol>')).mdx).toBe('4. four\n5. five\n');
    const { mdx } = await convert('<ol reversed start="3"><li>three</li><li>two</li></ol>');
    expect(mdx).toContain('<ol reversed start="3">');
    expect(mdx).toContain('three');
  });

  it('keeps details with its summary', async () => {
    const { mdx } = await convert('<details><summary>More</summary><p>Hidden text.</p></details>');
    expect(mdx).toMatch(/<details>\n {2}<summary>\n {4}More\n {2}<\/summary>\n\n {2}Hidden text.\n<\/details>/);
  });

  it('keeps a table without header cells without a header row', async () => {
    const { mdx } = await convert(
      '<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>',
    );
    expect(mdx).toContain('<table>');
    expect(mdx).not.toContain('| ');
    expect(mdx.match(/<tr>/g)).toHaveLength(2);
  });

  it('turns verse into lines and stanzas that keep their formatting, not code', async () => {
    const { mdx } = await convert(
      '<pre class="wp-block-verse">The <strong>first</strong> line\nthe <a href="https://x.example/">second</a>\n\nA new stanza</pre>',
    );
    expect(mdx).toBe('The **first** line\\\nthe [second](https://x.example/)\n\nA new stanza\n');
  });

  it('puts a quotation’s cite after it as its attribution', async () => {
    const { mdx } = await convert('<blockquote class="wp-block-quote"><p>Words.</p><cite>Someone</cite></blockquote>');
    expect(mdx).toBe('> Words.\n\n— <cite>Someone</cite>\n');
  });

  it('keeps a caption that holds a link', async () => {
    const { mdx } = await convert(
      `[caption id="a" width="300"]<img src="${site}/wp-content/uploads/2024/01/p.jpg" alt="P"> Photo by <a href="https://ph.example/">Ann</a>[/caption]`,
    );
    expect(mdx).toBe('<Figure src="../uploads/2024/01/p.jpg" alt="P">Photo by [Ann](https://ph.example/)</Figure>\n');
  });

  it('makes buttons plain links and reports one without a link', async () => {
    const result = await convert(
      '<div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="https://x.example/a">25%</a></div>' +
        '<div class="wp-block-button"><a class="wp-block-button__link">Nowhere</a></div></div><p>Prose comes after the buttons here.</p>',
    );
    expect(result.mdx).toBe('[25%](https://x.example/a)\n\nProse comes after the buttons here.\n');
    expect(result.changes).toContain('button without a link or label left out');
    expect(result.firstParagraph).toBe('Prose comes after the buttons here.');
  });
});

describe('pull quotes', () => {
  it('is decoration when it repeats the text, and a quotation everyone reads when it does not', async () => {
    const repeated = await convert(
      '<p>He said the port would double.</p><figure class="wp-block-pullquote"><blockquote><p>The port would double</p></blockquote></figure>',
    );
    expect(repeated.mdx).toContain('<PullQuote>The port would double</PullQuote>');
    const own = await convert(
      '<p>Intro.</p><figure class="wp-block-pullquote"><blockquote><p>Only said here</p><cite>Mayor</cite></blockquote></figure>',
    );
    expect(own.mdx).toBe('Intro.\n\n> Only said here\n\n— <cite>Mayor</cite>\n');
  });
});

describe('media', () => {
  it('makes a local recording and video players, with their captions track', async () => {
    const { mdx } = await convert(
      `<figure class="wp-block-audio"><audio controls src="${site}/wp-content/uploads/2024/01/talk.mp3"></audio><figcaption>The talk</figcaption></figure>` +
        `<figure class="wp-block-video"><video controls src="${site}/wp-content/uploads/2024/01/clip.mp4">` +
        `<track kind="captions" src="${site}/wp-content/uploads/2024/01/clip.vtt" srclang="en" label="English"></video>` +
        `</figure>`,
    );
    expect(mdx).toContain('<Audio src="../uploads/2024/01/talk.mp3" caption="The talk" />');
    expect(mdx).toContain(
      '<Video src="../uploads/2024/01/clip.mp4" captions="../uploads/2024/01/clip.vtt" captionsLang="en" captionsLabel="English" />',
    );
  });

  it('links media that was not made local with words, and reports it', async () => {
    const result = await convert(
      '[audio https://other.example/a.mp3]<figure class="wp-block-video"><video src="https://other.example/v.mp4"></video></figure>',
    );
    expect(result.mdx).toContain('[Audio: a.mp3 (on the old site)](https://other.example/a.mp3)');
    expect(result.mdx).toContain('[Video: v.mp4 (on the old site)](https://other.example/v.mp4)');
    expect(result.changes).toEqual([
      'audio not made local: linked on the old site',
      'video not made local: linked on the old site',
    ]);
  });

  it('links an image that was not made local with words', async () => {
    const result = await convert('<p><img src="https://cdn.other.example/x.jpg" alt="A crowd"></p>');
    expect(result.mdx).toBe('[Picture: A crowd (on the old site)](https://cdn.other.example/x.jpg)\n');
  });

  it('makes a file block a download with its name', async () => {
    const { mdx } = await convert(
      `<div class="wp-block-file"><a id="f" href="${site}/wp-content/uploads/2024/01/wind-farm.pdf">Wind Farm</a>` +
        `<a href="${site}/wp-content/uploads/2024/01/wind-farm.pdf" class="wp-block-file__button" download>Download</a>` +
        `</div>`,
    );
    expect(mdx).toBe('<Download src="../uploads/2024/01/wind-farm.pdf" name="Wind Farm" />\n');
  });

  it('shows the post’s attached images for [gallery] without ids', async () => {
    const { mdx } = await convert('[gallery]');
    expect(mdx).toContain(
      '<Gallery>\n  <Figure src="../uploads/2024/01/a.jpg" alt="A" caption="First" />\n  <Figure src="../uploads/2024/01/b.jpg" alt="B" />\n</Gallery>\n',
    );
    expect(mdx).not.toContain('notes.pdf');
  });

  it('keeps a cover’s background picture and its text', async () => {
    const { mdx } = await convert(
      `<div class="wp-block-cover">` +
        `<img class="wp-block-cover__image-background" alt="" src="${site}/wp-content/uploads/2024/01/sky.jpg">` +
        `<div class="wp-block-cover__inner-container"><p>Over the sky</p></div></div>`,
    );
    expect(mdx).toBe('<Figure src="../uploads/2024/01/sky.jpg" alt="sky" />\n\nOver the sky\n');
  });
});

describe('blocks', () => {
  it('leaves dynamic blocks out, with what they saved, and reports them', async () => {
    const result = await convert(
      '<!-- wp:paragraph --><p>Text.</p><!-- /wp:paragraph --><!-- wp:latest-posts /-->' +
        '<!-- wp:archives --><ul><li>old</li></ul><!-- /wp:archives --><!-- wp:search {"label":"Search"} /-->',
    );
    expect(result.mdx).toBe('Text.\n');
    expect(result.changes).toEqual([
      'dynamic block core/archives left out (WordPress built it when serving the page)',
      'dynamic block core/latest-posts left out (WordPress built it when serving the page)',
      'dynamic block core/search left out (WordPress built it when serving the page)',
    ]);
  });
});

describe('the standfirst', () => {
  it('is the first sentence of prose, never a bare address', async () => {
    const { firstParagraph } = await convert(
      '<p>https://twitter.com/someone/status/123456789</p><p>The council voted on Tuesday to close the old harbour road for good. It reopens never.</p>',
    );
    expect(firstParagraph).toBe('The council voted on Tuesday to close the old harbour road for good.');
  });
});
