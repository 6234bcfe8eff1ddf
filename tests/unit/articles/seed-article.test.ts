import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textBlocks } from '../../../src/utils/text.ts';
import { projectRoot } from '../../support/project.ts';
import { seed, seedArticleId } from '../../support/seed.ts';

const mdx = readFileSync(path.join(projectRoot, 'content', 'articles', `${seedArticleId}.mdx`), 'utf8');
const [, frontmatter = '', body = ''] = mdx.split(/^---$/m);

describe('the seed article as published', () => {
  it('carries the seed text paragraph for paragraph, word for word (components aside)', () => {
    const paragraphs = textBlocks(body).filter((block) => !block.startsWith('<'));
    expect(paragraphs).toEqual(seed.body);
  });

  it('has the seed headline and the standfirst as its description', () => {
    expect(frontmatter).toContain(`title: ${seed.title}\n`);
    expect(seed.standfirst).toContain(frontmatter.match(/^description: (.*)$/m)![1]!);
  });
});
