import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFixtureImage } from './fixture-image.ts';

/**
 * The fixture story with a gallery and embeds, two authors and a correction (issue 17): its id, and the
 * providers it embeds.
 */
export const mediaArticleId = 'fixture-gallery-and-embeds';
export const mediaArticleProviders = ['bluesky', 'x', 'youtube'] as const;

const galleryColours = [
  ['#2f5d50', '#d9c27a'],
  ['#5b2a3c', '#e08a6d'],
  ['#243447', '#8fb8de'],
  ['#1d4e89', '#f2a65a'],
] as const;

/**
 * Writes the story (figures in a gallery, a YouTube video with a poster from its folder,
 * an X post and a Bluesky post) and its images, made on the spot, into a content folder.
 */
export async function writeMediaFixture(contentDir: string): Promise<void> {
  const images = path.join(contentDir, 'articles', 'images', 'media');
  for (const [index, [from, to]] of galleryColours.entries()) {
    await writeFixtureImage(path.join(images, `gallery-${index + 1}.jpg`), 1200, 800, from, to);
  }
  await writeFixtureImage(path.join(images, 'video-still.jpg'), 1280, 720, '#3a2e4f', '#c9a66b');
  await writeFile(
    path.join(contentDir, 'articles', `${mediaArticleId}.mdx`),
    `---
title: Fixture story with a photo gallery, a video and social posts
description: A test article with figures in a gallery, a YouTube video and posts from X and Bluesky that load only on request.
author:
  - fixture-reporter
  - fixture-editor
date: 2022-08-01T07:00:00Z
corrections:
  - date: 2022-08-02T08:00:00Z
    text: An earlier version of this fixture gave the number of berths as three.
section: Testing
tags:
  - Ports
---

The harbour authority opened the new quay on Tuesday. Photographs from the day:

<Gallery caption="The new quay on its opening day.">
  <Figure
    src="./images/media/gallery-1.jpg"
    alt="Cranes over the container quay in evening light"
    caption="Cranes at the container quay."
    credit="Test Agency"
  />
  <Figure src="./images/media/gallery-2.jpg" alt="A crowd at the quay's opening ceremony" caption="The opening ceremony." credit="Test Agency" />
  <Figure src="./images/media/gallery-3.jpg" alt="The first ship moored at the new berth" caption="The first ship to berth." />
  <Figure src="./images/media/gallery-4.jpg" alt="Harbour workers on the quay at dusk" credit="Test Agency" />
</Gallery>

The harbour master explained the plans in a short video:

<YouTube
  id="aqz-KE-bpKQ"
  title="The harbour master on the new quay"
  poster="./images/media/video-still.jpg"
  caption="The harbour master speaking at the opening."
/>

The port authority announced the opening on X:

<Embed url="https://x.com/example/status/1570000000000000000" title="The port authority's announcement">
  The new quay is open: four berths, twice the capacity, and the first ship already moored.
</Embed>

A reporter who was there posted on Bluesky:

<Embed url="https://bsky.app/profile/reporter.example.com/post/3kabc2defgh2x" title="A reporter's post from the quay">
  Crowds at the quay this morning; the ceremony ran an hour late.
</Embed>

The harbour authority expects the first full month of traffic in October.
`,
  );
}
