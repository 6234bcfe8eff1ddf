/**
 * Runs in the admin page after Decap CMS (bundled by admin-files.ts into cms-setup.js):
 * the PullQuote, YouTube and Embed blocks for the body editor, the save guard and the preview's styles.
 * It is loaded only by /admin/; article pages never see it.
 */
import { checkArticle } from '../entry-check.ts';
import { bodyOfFile } from '../mdx-preservation.ts';
import { articlePreview, type CreateElement } from './article-preview.ts';
import { pullQuoteFromBlock, pullQuotePattern, pullQuoteToBlock, pullQuoteToPreview } from '../pull-quote-block.ts';
import {
  embedFromBlock,
  embedPattern,
  embedToBlock,
  embedToPreview,
  youTubeFromBlock,
  youTubePattern,
  youTubeToBlock,
  youTubeToPreview,
} from '../embed-blocks.ts';

/** The small part of Decap's Immutable.js entry this script touches. */
interface ImmutableMap {
  get(key: string): unknown;
  deleteIn(keys: string[]): ImmutableMap;
  setIn(keys: string[], value: unknown): ImmutableMap;
  toJS(): Record<string, unknown>;
}

interface DecapCms {
  registerEditorComponent(component: Record<string, unknown>): void;
  registerEventListener(listener: { name: string; handler: (event: { entry: ImmutableMap }) => unknown }): void;
  registerPreviewStyle(href: string): void;
  registerPreviewTemplate(collection: string, component: unknown): void;
}

const { CMS: cms, h } = window as unknown as { CMS: DecapCms; h: CreateElement };

cms.registerEditorComponent({
  id: 'pull-quote',
  label: 'Pull quote',
  fields: [
    { name: 'text', label: 'Quoted words', widget: 'text' },
    { name: 'cite', label: 'Said by', widget: 'string', required: false },
  ],
  pattern: pullQuotePattern,
  fromBlock: pullQuoteFromBlock,
  toBlock: pullQuoteToBlock,
  toPreview: pullQuoteToPreview,
});

cms.registerEditorComponent({
  id: 'youtube',
  label: 'YouTube video',
  fields: [
    { name: 'id', label: 'Video id (the 11 characters after v= in its address)', widget: 'string' },
    { name: 'title', label: 'What the video is', widget: 'string' },
    { name: 'caption', label: 'Caption', widget: 'string', required: false },
  ],
  pattern: youTubePattern,
  fromBlock: youTubeFromBlock,
  toBlock: youTubeToBlock,
  toPreview: youTubeToPreview,
});

cms.registerEditorComponent({
  id: 'embed',
  label: 'Post or map (X, Bluesky, Instagram, TikTok, OpenStreetMap)',
  fields: [
    { name: 'url', label: 'Address of the post or map', widget: 'string' },
    { name: 'title', label: 'What it is', widget: 'string' },
    { name: 'quote', label: 'The post’s words (shown until the reader loads it)', widget: 'text', required: false },
  ],
  pattern: embedPattern,
  fromBlock: embedFromBlock,
  toBlock: embedToBlock,
  toPreview: embedToPreview,
});

cms.registerEventListener({
  name: 'preSave',
  handler: async ({ entry }) => {
    if (entry.get('collection') !== 'articles') return undefined;
    let data = entry.get('data') as ImmutableMap;
    // `raw` is the file as Decap loaded it; empty for a new article.
    const raw = entry.get('raw');
    const loadedBody = typeof raw === 'string' && raw ? bodyOfFile(raw) : undefined;
    const { remove, replace, problems } = await checkArticle(data.toJS(), loadedBody);
    // Decap shows the thrown message in its "failed to save" notice, and keeps the editor open.
    if (problems.length > 0) throw new Error(`Not saved. ${problems.join(' ')}`);
    for (const keys of remove) data = data.deleteIn(keys);
    for (const [keys, value] of replace) data = data.setIn(keys, value);
    return data;
  },
});

cms.registerPreviewStyle('preview.css');
cms.registerPreviewTemplate('articles', articlePreview(h));
