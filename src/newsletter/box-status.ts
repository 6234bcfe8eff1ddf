/**
 * Whether the build shows the subscribe box: only when the comment service (COMMENTS_ENDPOINT with
 * the `service` provider) says it takes subscriptions, which it does only with its mail settings.
 * Asked once per build; a service that is off, unreachable or says no hides the box, with one line
 * in the build's output saying why (the site still builds).
 */
import { buildSettings } from '../build-settings.ts';
import { isRhythm, subscriptionsPath, type NewsletterStatus } from './protocol.ts';

export interface SubscribeBoxSettings {
  /** Where the form posts. */
  action: string;
  status: NewsletterStatus;
}

/** The status from the service's answer to GET /subscriptions; null for anything that is not one. */
export function statusOf(body: unknown): NewsletterStatus | null {
  if (typeof body !== 'object' || body === null) return null;
  const { enabled, rhythms, defaultRhythm } = body as Record<string, unknown>;
  if (typeof enabled !== 'boolean' || !Array.isArray(rhythms) || !rhythms.every(isRhythm) || !isRhythm(defaultRhythm))
    return null;
  return { enabled, rhythms, defaultRhythm };
}

async function askService(serviceUrl: string, timeoutMs: number): Promise<SubscribeBoxSettings | string> {
  const action = `${serviceUrl}${subscriptionsPath}`;
  try {
    const response = await fetch(action, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { Accept: 'application/json' },
    });
    const status = response.ok ? statusOf(await response.json().catch(() => null)) : null;
    if (!status) return `GET ${action} did not answer with the newsletter's status (${response.status})`;
    if (!status.enabled)
      return 'the comment service takes no subscriptions (it has no mail settings, or COMMENTS_NEWSLETTER=0)';
    return { action, status };
  } catch (error) {
    return `the comment service at ${serviceUrl} could not be asked (${(error as Error).message})`;
  }
}

let asked: Promise<SubscribeBoxSettings | null> | null = null;

/** The box's settings for this build, or null when the box is hidden. */
export function subscribeBoxSettings(): Promise<SubscribeBoxSettings | null> {
  asked ??= (async () => {
    const { serviceUrl, loaderTimeoutMs } = buildSettings.comments;
    const answer = serviceUrl
      ? await askService(serviceUrl, loaderTimeoutMs)
      : 'the newsletter needs the comment service (COMMENTS_PROVIDER=service)';
    if (typeof answer !== 'string') return answer;
    console.warn(`newsletter: the subscribe box is hidden: ${answer}`);
    return null;
  })();
  return asked;
}
