/**
 * The components every article body (and standing page) can use without importing them: the
 * map handed to MDX's <Content components={…} /> by the article and page routes and the feeds.
 * The CMS's save guard lists the same names (src/cms/entry-check.ts).
 */
import PullQuote from '../PullQuote.astro';
import Audio from './Audio.astro';
import Download from './Download.astro';
import Embed from './Embed.astro';
import Figure from './Figure.astro';
import Gallery from './Gallery.astro';
import Video from './Video.astro';
import YouTube from './YouTube.astro';

export const bodyComponents = { PullQuote, Figure, Gallery, YouTube, Embed, Audio, Video, Download };
