import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkSmartPunctuation } from '../../../src/markdown/remark-smart-punctuation.ts';
import { syntheticArticle } from '../../../tools/bench/synthetic.ts';
import { projectRoot } from '../../support/project.ts';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);
const withoutFrontmatter = (source: string) => source.replace(/^---\n[\s\S]*?\n---\n/, '');
const tree = (source: string) => parser.runSync(parser.parse(withoutFrontmatter(source))) as Root;

const referencePipeline = unified().use(remarkSmartypants);
const fastPipeline = unified().use(remarkSmartPunctuation);

/** Both plugins over the same Markdown, as MDX parses it; returns the two resulting trees. */
function bothWays(source: string): [Root, Root] {
  return [referencePipeline.runSync(tree(source)) as Root, fastPipeline.runSync(tree(source)) as Root];
}

const tricky = `He said "it's fine" -- and left... The '80s were \`\`odd''. "**Bold** quote," she said.

'Single' and "double 'nested' quotes" -- then . . . a pause, and rock 'n' roll.

## "Quoted heading" with \`"code" -- untouched\`

<PullQuote cite="A 'cited' name">"A pull quote," he said -- twice...</PullQuote>

| "cell" | it's |
| --- | --- |
| '99 | -- |

A sentence ending in a quote." Then 'another'. [A "link"](https://example.org) and _"emphasis"_.
`;

describe('smart punctuation', () => {
  it('gives exactly the output of remark-smartypants on quotes, dashes, ellipses and backticks', () => {
    const [reference, fast] = bothWays(tricky);
    expect(fast).toEqual(reference);
    expect(JSON.stringify(fast)).toContain('“it’s fine” — and left…');
  });

  it('gives exactly the output of remark-smartypants on the seed article, the fixture article and the benchmark articles', () => {
    const files = [
      path.join(projectRoot, 'content', 'articles', 'russia-reaffirms-deepening-ties-with-myanmar.mdx'),
      path.join(projectRoot, 'tests', 'fixtures', 'content', 'articles', 'fixture-markdown-features.mdx'),
    ];
    const sources = [
      ...files.map((file) => readFileSync(file, 'utf8')),
      ...Array.from({ length: 20 }, (_, i) => syntheticArticle(i * 50).source),
    ];
    for (const source of sources) {
      const [reference, fast] = bothWays(source);
      expect(fast).toEqual(reference);
    }
  });
});
