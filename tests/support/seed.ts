import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project.ts';

/** The seed article as supplied, beside the project in shared/seeds/ (or beside the folder of git worktrees). */
const seedFile = [path.join(projectRoot, '..'), path.join(projectRoot, '..', '..')]
  .map((dir) => path.join(dir, 'shared', 'seeds', '000_4e6b91d72cce0c30.txt'))
  .find((file) => existsSync(file)) ?? path.join(projectRoot, '..', 'shared', 'seeds', '000_4e6b91d72cce0c30.txt');

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
