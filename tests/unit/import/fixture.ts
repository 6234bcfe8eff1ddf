import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The realistic export and uploads folder the WordPress import tests share. */
export const wordpressFixture = fileURLToPath(new URL('../../fixtures/wordpress/', import.meta.url));
export const exportFile = path.join(wordpressFixture, 'export.xml');
export const uploadsDir = path.join(wordpressFixture, 'uploads');
