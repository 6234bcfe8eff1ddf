import type { APIRoute } from 'astro';
import { siteConfig } from '../../site.config.ts';
import { logoImage } from '../../share-images/image-files.ts';
import { renderLogo } from '../../share-images/render.ts';

/** The publisher logo named in structured data. */
export const GET: APIRoute = async () =>
  new Response(new Uint8Array(await renderLogo(siteConfig.title, logoImage.width)), {
    headers: { 'Content-Type': 'image/png' },
  });
