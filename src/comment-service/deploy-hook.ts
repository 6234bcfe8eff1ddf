/**
 * Approved comments reach the published site without anyone running a build: after moderation
 * changes what readers see, the service POSTs to a deploy hook (COMMENTS_DEPLOY_HOOK_URL: a
 * Netlify build hook, a Cloudflare Pages deploy hook, GitHub's repository_dispatch). Requests are
 * gathered until none came for `debounceMs` (at most ten such periods after the first), so a burst
 * of approvals starts one build; a failed call is retried with doubling waits; each call is logged
 * and the last outcome is shown on the moderation page. The wait here is a timer in memory, right
 * for one Node process; the Worker keeps it in the store instead (shared-deploy-hook.ts), with the
 * same calls (postToHook).
 */
export interface DeployHookSettings {
  url: string;
  /** Sent as `Authorization: Bearer …` when set (GitHub needs one). */
  token: string | null;
  /** The JSON body (GitHub's repository_dispatch needs `event_type`; the others ignore it). */
  body: string;
  debounceMs: number;
  /** Attempts per build request, the first included. */
  attempts?: number;
  /** The wait before the second attempt; each later one doubles. */
  firstRetryMs?: number;
}

export interface DeployHook {
  /** What readers see changed: a build will be requested (once per debounce window). Resolves once the change is recorded. */
  requested(): void | Promise<void>;
  /** One line for the moderation page, or null before anything was requested. */
  status(): string | null | Promise<string | null>;
  /** Resolves when no call is waiting or running (tests, shutdown). */
  idle(): Promise<void>;
  /** Drops a waiting call (shutdown). */
  stop(): void;
}

export interface DeployHookRuntime {
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Keeps the runtime alive while a call waits or runs (a Worker's waitUntil); nothing under Node. */
  keepAlive?: (work: Promise<unknown>) => void;
}

/** A gathered call waits at most this many debounce periods after the first change. */
export const maxWaitFactor = 10;

const shownTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The moderation page's line while changes are gathered. */
export const waitingLine = (settings: DeployHookSettings) =>
  `Site rebuild to be requested within ${Math.ceil(settings.debounceMs / 1000)} s.`;

/** What one gathered call came to: whether the hook took it, and the line for the moderation page. */
export interface HookOutcome {
  called: boolean;
  line: string;
}

const requestHeaders = (token: string | null): Record<string, string> => ({
  'Content-Type': 'application/json',
  Accept: 'application/vnd.github+json, application/json',
  'User-Agent': 'static-news-comment-service',
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
});

/** POSTs to the hook, retrying with doubling waits. */
export async function postToHook(
  settings: DeployHookSettings,
  send: typeof fetch,
  log: (line: string) => void,
  stopped: () => boolean,
): Promise<HookOutcome> {
  const attempts = settings.attempts ?? 5;
  const firstRetryMs = settings.firstRetryMs ?? 5000;
  let line = '';
  for (let attempt = 1; attempt <= attempts && !stopped(); attempt++) {
    try {
      const response = await send(settings.url, {
        method: 'POST',
        headers: requestHeaders(settings.token),
        body: settings.body,
        signal: AbortSignal.timeout(15_000),
      });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw new Error(`answered ${response.status}`);
      log(`comments: deploy hook called (${response.status}): site rebuild requested`);
      return { called: true, line: `Site rebuild requested at ${shownTime(Date.now())}.` };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = attempt === attempts;
      const wait = firstRetryMs * 2 ** (attempt - 1);
      line = `Site rebuild request failed at ${shownTime(Date.now())}: ${reason}; ${last ? 'it is tried again after the next change' : 'trying again'}.`;
      log(
        `comments: deploy hook failed (attempt ${attempt} of ${attempts}): ${reason}${last ? '' : `; next in ${Math.round(wait / 1000)} s`}`,
      );
      if (!last) await sleep(wait);
    }
  }
  return { called: false, line };
}

export function createDeployHook(settings: DeployHookSettings, runtime: DeployHookRuntime = {}): DeployHook {
  const send = runtime.fetch ?? ((input, init) => fetch(input, init));
  const log = runtime.log ?? ((line: string) => console.log(line));
  let waiting: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let release: () => void = () => undefined;
  let line: string | null = null;

  const call = async () => {
    line = (await postToHook(settings, send, log, () => stopped)).line;
  };

  /** The latest a gathered call may wait: a steady stream of changes still gets a build. */
  let deadline = 0;

  /** Waits until `debounceMs` pass without a change (or the deadline comes), then resolves. */
  function quiet(): Promise<void> {
    return new Promise<void>((resolve) => {
      release = resolve;
      timer = setTimeout(resolve, settings.debounceMs);
    });
  }

  function schedule(): void {
    deadline = Date.now() + settings.debounceMs * maxWaitFactor;
    const run = quiet().then(async () => {
      timer = null;
      if (stopped) return;
      again = false;
      await call();
    });
    waiting = run.finally(() => {
      waiting = null;
      // Changes made while the call ran are not in the build it started: request another.
      if (again && !stopped) schedule();
    });
    runtime.keepAlive?.(waiting);
  }

  return {
    requested() {
      if (stopped) return;
      if (waiting && timer === null) {
        // The call is running: the change is not in the build it starts, so one more follows.
        again = true;
        return;
      }
      if (waiting) {
        // Still gathering: wait for quiet again, up to the deadline.
        clearTimeout(timer!);
        timer = setTimeout(release, Math.max(0, Math.min(settings.debounceMs, deadline - Date.now())));
        return;
      }
      line = waitingLine(settings);
      schedule();
    },
    status: () => line,
    async idle() {
      while (waiting) await waiting;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      release();
    },
  };
}
