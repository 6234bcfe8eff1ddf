import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../../src/cms/entry-check.ts';
import { bodyOfFile, lostMdx } from '../../../src/cms/mdx-preservation.ts';
import { projectRoot } from '../../support/project.ts';

const fixture = async () =>
  bodyOfFile(
    await readFile(path.join(projectRoot, 'tests/fixtures/content/articles/fixture-markdown-features.mdx'), 'utf8'),
  );

describe('MDX the editor cannot show', () => {
  it('finds nothing lost when the body is unchanged or only its prose changed', async () => {
    const body = await fixture();
    expect(lostMdx(body, body)).toEqual([]);
    expect(lostMdx(body, body.replace('This paragraph opens', 'This paragraph now opens'))).toEqual([]);
  });

  it('names each kind the editor dropped or rewrote', async () => {
    const body = await fixture();
    const rewritten = body
      .replace('| --------- | ---------: | -------------: |', '| --- | --- | --- |')
      .replace('[^second]:', '\\[^second]:');
    expect(lostMdx(body, rewritten)).toEqual(['a footnote', 'table column alignment']);
    expect(
      lostMdx(
        'Note {/* check the figure */} here, \\<b\\> and {1 + 1}.',
        'Note {/_ check the figure _/} here, <b> and 2.',
      ),
    ).toEqual(['an MDX comment {/* … */}', 'an MDX expression { … }', 'a backslash escape such as \\< or \\{']);
    expect(lostMdx('import X from "./x.js";\n\n<Chart />', 'Text')).toEqual([
      'an import or export line',
      'a component other than the editor’s blocks',
    ]);
  });

  it('makes the save guard refuse an edit that loses them, with a message', async () => {
    const article = {
      title: 'T',
      description: 'D',
      author: 'a',
      date: '2026-01-02T10:00:00Z',
      tags: ['X'],
      body: 'Text with a rewritten comment.',
    };
    const { problems } = await checkArticle(article, 'Text with a comment {/* keep */}.');
    expect(problems).toEqual([
      'The editor would rewrite MDX it cannot show (an MDX comment {/* … */}), so nothing was saved. ' +
        'Edit this article’s file in the repository instead, or undo your changes to the body.',
    ]);
    expect((await checkArticle(article, 'Text with a comment.')).problems).toEqual([]);
  });

  it('reads the body after the frontmatter', () => {
    expect(bodyOfFile('---\ntitle: T\n---\n\nBody\n')).toBe('\nBody\n');
    expect(bodyOfFile('No frontmatter')).toBe('No frontmatter');
  });
});
