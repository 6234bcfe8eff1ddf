import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFixtureImage } from './fixture-image.ts';

/**
 * Many plausible articles for looking at listing pages with a full archive
 * (front page, pagination, tag pages, archive). Deterministic: the same count
 * always gives the same articles.
 */
const places = [
  'Jakarta',
  'Naypyidaw',
  'Phnom Penh',
  'Hanoi',
  'Manila',
  'Bangkok',
  'Kuala Lumpur',
  'Vientiane',
  'Singapore',
  'Dhaka',
];
const subjects = [
  'energy talks resume after a year of delays',
  'ministers agree a roadmap for rice exports',
  'port expansion draws new investors',
  'central bank holds rates as inflation eases',
  'a regional summit ends without a joint statement',
  'fishermen count the cost of a shrinking catch',
  'rail link opens to freight two years late',
  'parliament debates a sweeping data-protection law',
  'garment workers win a higher minimum wage',
  'monsoon floods test emergency planning',
  'trade bloc weighs a common digital currency',
  'election commission publishes final turnout figures',
];
/** Topics of the sample and benchmark content, most general first. */
export const sampleTags = [
  'Diplomacy',
  'Economy',
  'Energy',
  'Trade',
  'ASEAN',
  'Sanctions',
  'Climate',
  'Elections',
  'Labour',
  'Transport',
  'Myanmar',
  'Russia',
];
const sections = ['World', 'Economy', 'Analysis', 'Climate', undefined];
const authors = ['ahmed-adel', 'fixture-reporter', 'sample-correspondent'];
const colours = [
  ['#1d4e89', '#f2a65a'],
  ['#2f5d50', '#d9c27a'],
  ['#5b2a3c', '#e08a6d'],
  ['#243447', '#8fb8de'],
];

const paragraph = (place: string, n: number) =>
  `Officials in ${place} said on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][n % 5]} that the ` +
  `talks had gone further than expected, though several details remain to be settled before the agreement can ` +
  `be signed. Observers noted that the timetable had slipped more than once, and that neighbouring governments ` +
  `were watching closely for signs of how the arrangement would work in practice.`;

export async function writeManyArticles(contentDir: string, count: number): Promise<void> {
  await writeFile(
    path.join(contentDir, 'authors', 'sample-correspondent.yaml'),
    'name: Maria Santos\nbio: Regional correspondent covering trade, labour and the economy in Southeast Asia.\n',
  );
  for (const [index, [from, to]] of colours.entries()) {
    await writeFixtureImage(path.join(contentDir, 'articles', 'images', `sample-${index}.jpg`), 1600, 900, from, to);
  }
  const start = Date.UTC(2022, 8, 30, 8);
  for (let i = 0; i < count; i++) {
    const place = places[i % places.length]!;
    const subject = subjects[(i * 7) % subjects.length]!;
    const title = `${place}: ${subject}${i % 4 === 0 ? ', and what it means for the region’s smaller economies' : ''}`;
    const tags = [sampleTags[i % sampleTags.length]!, sampleTags[(i * 5 + 3) % sampleTags.length]!].filter(
      (tag, index, all) => all.indexOf(tag) === index,
    );
    const section = sections[i % sections.length];
    const date = new Date(start - i * 4.3 * 24 * 3600 * 1000).toISOString();
    const image =
      i % 3 === 0
        ? `image:\n  src: ./images/sample-${i % colours.length}.jpg\n` +
          '  alt: An abstract colour study standing in for a news photograph\n' +
          `  caption: A placeholder photograph for sample story ${i + 1}.\n  credit: Sample Agency\n`
        : '';
    const body = [0, 1, 2, 3].map((n) => paragraph(place, i + n)).join('\n\n');
    await writeFile(
      path.join(contentDir, 'articles', `sample-${String(i + 1).padStart(3, '0')}.mdx`),
      `---\ntitle: "${title}"\ndescription: "A sample story about how ${subject}, written to fill the listing pages for design review."\n` +
        `author: ${authors[i % authors.length]}\ndate: ${date}\n${section ? `section: ${section}\n` : ''}` +
        `tags:\n${tags.map((tag) => `  - ${tag}`).join('\n')}\n${image}---\n\n${body}\n`,
    );
  }
}
