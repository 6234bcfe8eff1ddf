import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { remarkMediaComponents } from '../../../src/markdown/remark-media-components.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'media-components-'));
  await mkdir(path.join(dir, 'images'));
  await writeFile(path.join(dir, 'images', 'quay.jpg'), 'not really a jpeg; only its presence is checked');
});

/** Compiles an article body with the plugin, as the build does; returns the JS and the frontmatter the plugin recorded. */
async function compileArticle(body: string) {
  const file = new VFile({ path: path.join(dir, 'story.mdx'), value: body });
  const output = await compile(file, { remarkPlugins: [remarkMediaComponents] });
  return {
    code: String(output),
    embeds: (file.data as { astro?: { frontmatter?: { embeds?: string[] } } }).astro?.frontmatter?.embeds,
  };
}

describe('the media components in MDX', () => {
  it('turns a figure’s relative path into an import, for astro:assets to optimise', async () => {
    const { code, embeds } = await compileArticle(
      '<Figure src="./images/quay.jpg" alt="The quay" caption="The new quay." />\n',
    );
    expect(code).toMatch(/import __mediaImage0 from "\.\/images\/quay\.jpg"/);
    expect(code).toMatch(/src: __mediaImage0/);
    expect(embeds).toEqual([]);
  });

  it('records the providers an article embeds, for its page’s CSP', async () => {
    const { embeds, code } = await compileArticle(
      '<YouTube id="aqz-KE-bpKQ" title="A video" poster="./images/quay.jpg" />\n\n<Embed url="https://x.com/a/status/1" title="A post">Words</Embed>\n\n<Embed url="https://x.com/b/status/2" title="Another" />\n',
    );
    expect(embeds).toEqual(['x', 'youtube']);
    expect(code).toMatch(/poster: __mediaImage0/);
  });

  it.each([
    ['<Figure src="./images/quay.jpg" />', /story\.mdx:1: <Figure> needs an alt text/],
    ['Text\n\n<Figure src="./images/quay.jpg" alt="  " />', /story\.mdx:3: <Figure> needs an alt text/],
    ['<Figure alt="The quay" />', /<Figure> needs an image/],
    ['<Figure src="./images/missing.jpg" alt="The quay" />', /src="\.\/images\/missing\.jpg": no such file/],
    ['<Figure src="/images/quay.jpg" alt="The quay" />', /must be a path relative to the article/],
    ['<YouTube id="nope" title="A video" />', /<YouTube> "nope" is not a YouTube video id/],
    ['<YouTube title="A video" />', /<YouTube> needs the video id/],
    [
      '<Embed url="https://example.com/post/1" title="A post" />',
      /<Embed> cannot embed "https:\/\/example.com\/post\/1"/,
    ],
    ['<Embed title="A post" />', /<Embed> needs the address/],
  ])('%s stops the build naming the file and line', async (body, message) => {
    await expect(compileArticle(`${body}\n`)).rejects.toThrow(message);
  });
});
