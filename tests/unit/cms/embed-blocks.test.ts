import { describe, expect, it } from 'vitest';
import {
  embedFromBlock,
  embedPattern,
  embedToBlock,
  embedToPreview,
  youTubeFromBlock,
  youTubePattern,
  youTubeToBlock,
} from '../../../src/cms/embed-blocks.ts';
import { bodyProblem } from '../../../src/cms/entry-check.ts';

describe('the YouTube and Embed blocks of the admin', () => {
  it('read a block and write it back unchanged', () => {
    const video = '<YouTube id="aqz-KE-bpKQ" title="The &quot;new&quot; quay" caption="At the opening." />';
    expect(youTubeFromBlock(video.match(youTubePattern)!)).toEqual({
      id: 'aqz-KE-bpKQ',
      title: 'The "new" quay',
      caption: 'At the opening.',
    });
    expect(youTubeToBlock(youTubeFromBlock(video.match(youTubePattern)!))).toBe(video);
    const post =
      '<Embed url="https://x.com/port/status/1570000000000000000" title="The announcement">\nThe quay is open.\n</Embed>';
    expect(embedFromBlock(post.match(embedPattern)!)).toEqual({
      url: 'https://x.com/port/status/1570000000000000000',
      title: 'The announcement',
      quote: 'The quay is open.',
    });
    expect(embedToBlock(embedFromBlock(post.match(embedPattern)!))).toBe(post);
  });

  it('write blocks the save guard and the build accept, with braces typed as characters', async () => {
    expect(await bodyProblem(youTubeToBlock({ id: 'aqz-KE-bpKQ', title: 'A video' }))).toBeNull();
    expect(
      await bodyProblem(
        embedToBlock({
          url: 'https://bsky.app/profile/a.example/post/3kabc',
          title: 'A post',
          quote: 'Costs {rose} <fast>',
        }),
      ),
    ).toBeNull();
    expect(embedToPreview({ url: 'https://bsky.app/profile/a.example/post/3kabc', title: 'A post' })).toContain(
      'Bluesky',
    );
  });

  it('the save guard refuses what the build refuses, naming the component and line', async () => {
    expect(await bodyProblem('Text.\n\n<Figure src="./images/a.jpg" />')).toBe(
      'The <Figure> at line 3 needs an alt text describing the image: alt="…".',
    );
    expect(await bodyProblem('<YouTube id="short" title="A video" />')).toMatch(
      /^The <YouTube> at line 1 "short" is not a YouTube video id/,
    );
    expect(await bodyProblem('<Embed url="https://example.com/p/1" title="A post" />')).toMatch(
      /^The <Embed> at line 1 cannot embed/,
    );
    expect(await bodyProblem('<Gallery>\n<Figure src="./images/a.jpg" alt="A quay" />\n</Gallery>')).toBeNull();
  });
});
