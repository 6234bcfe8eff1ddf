/**
 * The deploy hook (deploy-hook.ts) for instances that share no memory, such as a Worker's isolates,
 * where a timer set while answering one request cannot even be cancelled from another. Why it is
 * built this way: the wait for quiet lives in the store, not in a timer. Each change records itself
 * in one marker (the first change not yet in a build, the latest change and its id); the request
 * that made it stays alive for `debounceMs` (the runtime's keepAlive: a Worker's waitUntil) and
 * reads the marker again. Only the wait that finds its own change still the latest (or the first
 * change ten periods old) calls, after claiming the call in one atomic step, so two instances never
 * both call. A call that was due but not made (the runtime cut the wait or the call short, or every
 * attempt failed) is made by `catchUp`, which the Worker's cron trigger runs.
 */
import {
  maxWaitFactor,
  postToHook,
  sleep,
  waitingLine,
  type DeployHook,
  type DeployHookRuntime,
  type DeployHookSettings,
} from './deploy-hook.ts';
import type { MarkerRecords } from './store/store.ts';

/** The marker of changes waiting for a build: `pending <first ms> <last ms> <id>`, `calling <since ms> <first ms>` or empty. */
const waitMarker = 'deploy-hook';
/** The moderation page's line after the last call. */
const statusMarker = 'deploy-hook-status';
/** A call claimed longer ago than this was cut short (a Worker's call lasts well under a minute). */
const staleCallMs = 120_000;
/** Writers racing for the marker: each try loses only to another change, so a few tries are plenty. */
const recordTries = 8;

type WaitState =
  { kind: 'pending'; first: number; last: number; id: string } | { kind: 'calling'; since: number; first: number };

function parseState(value: string | null): WaitState | null {
  const [kind, a, b, id] = (value ?? '').split(' ');
  if (kind === 'pending' && id) return { kind, first: Number(a), last: Number(b), id };
  if (kind === 'calling') return { kind, since: Number(a), first: Number(b) };
  return null;
}

/** Marks the changes of a call whose attempts all failed: the page shows why, not that a call waits. */
const failedId = 'failed-';

const pending = (first: number, last: number, id: string) => `pending ${first} ${last} ${id}`;

export interface SharedDeployHook extends DeployHook {
  /** Makes a call that is due but was not made (the cron trigger's backstop). */
  catchUp(): Promise<void>;
}

export function createSharedDeployHook(
  settings: DeployHookSettings,
  store: MarkerRecords,
  runtime: DeployHookRuntime = {},
): SharedDeployHook {
  const send = runtime.fetch ?? ((input, init) => fetch(input, init));
  const log = runtime.log ?? ((line: string) => console.log(line));
  const maxWaitMs = settings.debounceMs * maxWaitFactor;
  const running = new Set<Promise<void>>();
  let stopped = false;

  /** Adds a change to the marker; false when other writers kept winning. */
  async function record(id: string): Promise<boolean> {
    for (let attempt = 0; attempt < recordTries; attempt++) {
      const value = await store.marker(waitMarker);
      const state = parseState(value);
      const now = Date.now();
      // A change during a call is not in the build it starts: it waits for one of its own.
      const first = state?.kind === 'pending' ? state.first : now;
      if (await store.advanceMarker(waitMarker, value, pending(first, now, id))) return true;
    }
    return false;
  }

  /** Calls the hook if this instance is the one to change the marker from `expected` to calling. */
  async function callIfClaimed(expected: string, first: number): Promise<void> {
    const calling = `calling ${Date.now()} ${first}`;
    if (!(await store.advanceMarker(waitMarker, expected, calling))) return;
    const outcome = await postToHook(settings, send, log, () => stopped);
    await store.setMarker(statusMarker, outcome.line);
    // Failed: the changes wait again (due at once), for the next change's call or the cron trigger's.
    const after = outcome.called ? '' : pending(first, first, `${failedId}${crypto.randomUUID()}`);
    await store.advanceMarker(waitMarker, calling, after);
  }

  /** After `debounceMs`: calls when no later change came (or the first one waited long enough). */
  async function settle(id: string): Promise<void> {
    await sleep(settings.debounceMs);
    if (stopped) return;
    const value = await store.marker(waitMarker);
    const state = parseState(value);
    // Not pending: another instance has called since this change was recorded.
    if (state?.kind !== 'pending') return;
    const quiet = state.id === id;
    // A later change has its own wait, which calls unless more follow.
    if (quiet || Date.now() - state.first >= maxWaitMs) await callIfClaimed(value!, state.first);
  }

  const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

  return {
    async requested() {
      if (stopped) return;
      const id = crypto.randomUUID();
      // The moderator's change is made: a store that cannot take the marker costs this build, not the answer.
      const recorded = await record(id).catch((error: unknown) => reasonOf(error));
      if (recorded !== true) {
        log(
          `comments: deploy hook: the change was not recorded (${recorded || 'other writers kept winning'}); the next change asks again`,
        );
        return;
      }
      const work: Promise<void> = settle(id)
        .catch((error: unknown) => log(`comments: deploy hook: ${reasonOf(error)}; the cron trigger tries again`))
        .finally(() => running.delete(work));
      running.add(work);
      runtime.keepAlive?.(work);
    },
    async status() {
      const state = parseState(await store.marker(waitMarker));
      if (state?.kind === 'pending' && !state.id.startsWith(failedId)) return waitingLine(settings);
      return store.marker(statusMarker);
    },
    async catchUp() {
      const value = await store.marker(waitMarker);
      const state = parseState(value);
      if (!state) return;
      const now = Date.now();
      const due =
        state.kind === 'pending'
          ? now - state.last >= settings.debounceMs || now - state.first >= maxWaitMs
          : now - state.since >= staleCallMs;
      if (due) await callIfClaimed(value!, state.first);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
    stop() {
      stopped = true;
    },
  };
}
