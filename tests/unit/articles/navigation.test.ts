import { expect, it } from 'vitest';
import { missingSectionsMessage, sectionsMissingFromNavigation } from '../../../src/articles/navigation.ts';

const article = (section?: string) => ({ data: { section } });

it('names the sections articles use that the navigation does not list, most used first', () => {
  const articles = [
    article('Local'),
    article('World'),
    article('local'),
    article('Local'),
    article(),
    article('Russia'),
  ];
  const missing = sectionsMissingFromNavigation(articles, ['Russia', 'ASEAN']);
  expect(missing).toEqual([
    { section: 'Local', count: 2 },
    { section: 'local', count: 1 },
    { section: 'World', count: 1 },
  ]);
  expect(missingSectionsMessage(missing)).toBe(
    '[meridian:navigation] sections used by articles but not in the navigation: Local (2 stories), local (1 story), World (1 story). ' +
      'To list one, add it to navTags in src/site.config.ts.',
  );
});

it('says nothing when the navigation lists every section (in any case)', () => {
  expect(missingSectionsMessage(sectionsMissingFromNavigation([article('asean')], ['ASEAN']))).toBeUndefined();
});
