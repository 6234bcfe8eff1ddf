import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Drawn } from './cache.ts';
import type { CardNode } from './card.ts';

export interface DrawRequest {
  id: number;
  tree: CardNode;
  width: number;
  height: number;
}

export interface DrawReply {
  id: number;
  image?: Uint8Array;
  error?: string;
  /** Time the worker spent drawing. */
  ms: number;
}

interface Task {
  request: DrawRequest;
  resolve: (drawn: Drawn) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
}

/**
 * Draws cards on worker threads, up to one per core, taking requests in the order they come. A
 * worker starts only when a card waits and every running worker is busy (starting one costs
 * loading satori and the fonts, more than drawing one card), so a build that draws one card
 * starts one. Idle workers do not keep the build process alive; a busy one does until its card is back.
 */
export class DrawPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  readonly #script: string;
  readonly #projectRoot: string;
  readonly #size: number;
  #nextId = 0;

  constructor(projectRoot: string, size = os.availableParallelism()) {
    this.#projectRoot = projectRoot;
    this.#script = path.join(projectRoot, 'src', 'share-images', 'draw-worker.ts');
    this.#size = Math.max(1, size);
  }

  #start(): Slot {
    const slot: Slot = { worker: new Worker(this.#script, { workerData: { projectRoot: this.#projectRoot } }) };
    slot.worker.unref();
    slot.worker.on('message', (reply: DrawReply) => this.#settle(slot, reply));
    slot.worker.on('error', (error) => this.#fail(slot, error));
    this.#slots.push(slot);
    return slot;
  }

  draw(tree: CardNode, width: number, height: number): Promise<Drawn> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request: { id: this.#nextId++, tree, width, height }, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot =
        this.#slots.find((candidate) => !candidate.task) ??
        (this.#slots.length < this.#size ? this.#start() : undefined);
      if (!slot) return;
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  #settle(slot: Slot, reply: DrawReply): void {
    const task = slot.task;
    slot.task = undefined;
    slot.worker.unref();
    if (task) {
      if (reply.image) task.resolve({ image: Buffer.from(reply.image), ms: reply.ms });
      else task.reject(new Error(`Share image: drawing failed in a worker: ${reply.error ?? 'no image'}`));
    }
    this.#dispatch();
  }

  /** A worker that dies takes the build with it: its card and every queued one fail with the cause. */
  #fail(slot: Slot, error: Error): void {
    const failed = [slot.task, ...this.#queue.splice(0)].filter((task): task is Task => task !== undefined);
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    for (const task of failed) task.reject(new Error('Share image: a drawing worker stopped', { cause: error }));
  }
}
