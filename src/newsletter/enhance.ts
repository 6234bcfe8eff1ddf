/**
 * The subscribe box without a reload: posts the form with fetch asking for JSON, and shows the
 * service's message in the box's live region. Kept to a few hundred bytes: every page carries it,
 * within the enhancement-script budget (tests/e2e/perf/budgets.test.ts). Without it the form posts
 * as plain HTML and the service's 303 brings the reader back to the notice. The form is marked
 * `data-enhanced` once it posts in place.
 */
import type { SubscribeAnswer } from './protocol.ts';

export function enhanceSubscribeBox(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-subscribe]');
  const status = document.querySelector<HTMLElement>('[data-subscribe-status]');
  if (!form || !status) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button')!;
    button.disabled = true;
    let answer: Partial<SubscribeAnswer> = {};
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
      });
      answer = await response.json();
    } catch {
      // shown below as a network failure
    }
    button.disabled = false;
    status.textContent = answer.message ?? 'The subscription could not be sent. Please try again.';
    status.dataset.outcome = answer.outcome ?? 'error';
    if (answer.outcome === 'check-inbox') form.reset();
  });
  form.dataset.enhanced = '';
}
