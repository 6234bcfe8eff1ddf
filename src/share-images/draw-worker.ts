/**
 * A worker thread that draws share cards, so cards are drawn on every core while the main thread
 * renders pages. Started by draw-pool.ts with the project root (its node_modules hold the fonts);
 * Node runs this file directly (type stripping), outside the Vite bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { drawCardTree } from './draw-tree.ts';
import type { DrawReply, DrawRequest } from './draw-pool.ts';

const { projectRoot } = workerData as { projectRoot: string };
const port = parentPort!;

port.on('message', async ({ id, tree, width, height }: DrawRequest) => {
  const started = performance.now();
  try {
    const image = await drawCardTree(projectRoot, tree, width, height);
    port.postMessage({ id, image, ms: performance.now() - started } satisfies DrawReply);
  } catch (error) {
    port.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      ms: 0,
    } satisfies DrawReply);
  }
});
