/// <reference lib="dom" />
/** The room's simple screens: consent, refusal, device problems, fatal errors and the end. */
import { h, showScreen } from './dom';
import type { MediaProblem } from './media-capture';
import { type NoticePolicy, noticeSections } from './notice';

export function consentScreen(
  policy: NoticePolicy,
  title: string,
  onAgree: () => Promise<string | null>,
  onDecline: () => Promise<string | null>,
): void {
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'consent-error', hidden: true });
  const agree = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'consent-agree' },
    'I agree — start',
  );
  const decline = h('button', { type: 'button', 'data-testid': 'consent-decline' }, 'I decline');
  const decide = (choice: () => Promise<string | null>) => async () => {
    agree.disabled = true;
    decline.disabled = true;
    const failure = await choice();
    if (failure === null) return;
    problem.textContent = failure;
    problem.hidden = false;
    agree.disabled = false;
    decline.disabled = false;
  };
  agree.addEventListener('click', decide(onAgree));
  decline.addEventListener('click', decide(onDecline));
  showScreen(
    h(
      'section',
      { class: 'card consent', 'aria-labelledby': 'consent-title' },
      h('h1', { id: 'consent-title', tabindex: -1 }, 'Before you start'),
      h('p', { class: 'muted' }, `Practice interview: ${title}. Nothing is recorded until you agree.`),
      h(
        'div',
        { 'data-testid': 'consent-notice', class: 'notice' },
        ...noticeSections(policy).map((section) =>
          h('section', {}, h('h2', {}, section.heading), h('p', {}, section.text)),
        ),
      ),
      problem,
      h('div', { class: 'actions' }, agree, decline),
    ),
  );
}

export function declinedScreen(practiceUrl: string): void {
  showScreen(
    h(
      'section',
      { class: 'card', 'data-testid': 'declined-message' },
      h('h1', { tabindex: -1 }, 'Nothing was recorded'),
      h(
        'p',
        {},
        'You declined, so your camera and microphone were not used and nothing of this session was stored ' +
          'beyond the fact that you declined. You can close this tab.',
      ),
      h('p', {}, h('a', { href: practiceUrl }, 'Back to the console')),
    ),
  );
}

export function mediaProblemScreen(problem: MediaProblem, onRetry: () => void): void {
  const retry = h('button', { type: 'button', class: 'primary', 'data-testid': 'media-retry' }, 'Retry');
  retry.addEventListener('click', onRetry);
  showScreen(
    h(
      'section',
      { class: 'card', role: 'alert', 'data-testid': 'media-error', 'data-error-name': problem.name },
      h('h1', { tabindex: -1 }, problem.title),
      h('p', {}, problem.advice),
      h('p', { class: 'muted' }, 'Nothing is recorded until the camera and microphone work.'),
      h('div', { class: 'actions' }, retry),
    ),
  );
}

export function fatalScreen(title: string, message: string): void {
  showScreen(
    h(
      'section',
      { class: 'card', role: 'alert', 'data-testid': 'room-error' },
      h('h1', { tabindex: -1 }, title),
      h('p', {}, message),
    ),
  );
}

export function endedScreen(reportUrl: string, unsent: number): void {
  showScreen(
    h(
      'section',
      { class: 'card', 'data-testid': 'ended-message' },
      h('h1', { tabindex: -1 }, 'Your report is being compiled'),
      h(
        'p',
        {},
        'The interview has ended. The last answers are still being analysed; the report appears in the console ' +
          'as soon as it is ready, usually within a minute.',
      ),
      unsent > 0
        ? h(
            'p',
            { class: 'error', role: 'alert' },
            `${unsent} recorded item(s) could not be delivered before the end; the report leaves them out.`,
          )
        : null,
      h(
        'p',
        {},
        h('a', { href: reportUrl, class: 'button primary', 'data-testid': 'report-link' }, 'Open my report'),
      ),
    ),
  );
}
