/** Photograph-like test images drawn on the spot with sharp, so no binary fixture is committed. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** A photograph-like JPEG made on the spot, so no binary fixture is committed. */
export async function writeFixtureImage(
  file: string,
  width: number,
  height: number,
  from = '#1d4e89',
  to = '#f2a65a',
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/><stop offset="0.6" stop-color="${to}"/><stop offset="1" stop-color="#772f1a"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.35}" r="${height * 0.12}" fill="#fff3c4"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file);
}
