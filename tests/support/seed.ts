import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project.ts';

/** The seed article's page as supplied (title, standfirst, body, bio line, form messages), kept in the repository. */
const seedFile = path.join(projectRoot, 'tests', 'fixtures', 'seed-article.txt');

const paragraphs = readFileSync(seedFile, 'utf8')
  .split(/\n\s*\n/)
  .map((block) => block.trim())
  .filter(Boolean);

export const seed = {
  title: paragraphs[0]!,
  standfirst: paragraphs[1]!,
  /** Body paragraphs: everything between the standfirst and the author's bio line. */
  body: paragraphs.slice(2, -2),
  bioLine: paragraphs.at(-2)!,
  formMessages: paragraphs.at(-1)!.split('\n'),
};

export const seedArticleId = 'russia-reaffirms-deepening-ties-with-myanmar';
