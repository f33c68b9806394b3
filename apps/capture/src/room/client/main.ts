/// <reference lib="dom" />
/**
 * The interview room's entry: reads the capture token from the URL fragment, loads the session,
 * connects, then consent → camera and microphone → the interview → the end. Nothing is captured
 * before the gateway has accepted the candidate's consent.
 */
import type { RoomSessionInfo } from '../room-session';
import { type ReadyMessage, RoomConnection } from './connection';
import { h } from './dom';
import { Interview } from './interview';
import { explainMediaError, openCameraAndMicrophone } from './media-capture';
import { NOTICE_VERSION, noticeText, sha256Hex } from './notice';
import { SessionClock } from './protocol';
import { consentScreen, declinedScreen, endedScreen, fatalScreen, mediaProblemScreen } from './screens';

const TOKEN_KEY = 'poise-room-token';

// A page brought back from the back/forward cache holds a closed connection and a stale interview:
// load it afresh, and the room resumes where the session's events say (same question, draft kept).
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

/** Takes the token out of the address bar (so it is not bookmarked or shared) but keeps it for a reload. */
function takeToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const tokenProblems: Record<string, string> = {
  expired:
    'This room link has expired (links last 30 minutes). Start a new practice session from the console.',
  'bad-signature': 'This room link is not valid. Start a practice session from the console.',
  malformed: 'This room link is incomplete or damaged. Start a practice session from the console.',
  missing: 'This room link has no access token. Start a practice session from the console.',
};

async function loadSession(token: string): Promise<RoomSessionInfo | null> {
  const response = await fetch('/room/session', { headers: { authorization: `Bearer ${token}` } });
  if (response.ok) return (await response.json()) as RoomSessionInfo;
  const body = (await response.json().catch(() => ({}))) as { reason?: string };
  if (response.status === 401) {
    fatalScreen('Cannot open the room', tokenProblems[body.reason ?? ''] ?? tokenProblems.malformed!);
  } else if (response.status === 404) {
    fatalScreen(
      'Session not found',
      'This practice session does not exist any more. Start a new one from the console.',
    );
  } else {
    fatalScreen('The room is unavailable', `The server answered ${response.status}. Try again in a moment.`);
  }
  return null;
}

function showConnection(state: string, detail: string): void {
  const badge = document.getElementById('connection');
  if (badge === null) return;
  badge.dataset.state = state;
  const words: Record<string, string> = {
    connecting: 'Connecting…',
    open: 'Connected',
    reconnecting: 'Reconnecting…',
    closed: 'Disconnected',
    failed: 'Disconnected',
  };
  badge.textContent = detail === '' ? (words[state] ?? state) : `${words[state] ?? state} ${detail}`;
}

function practiceUrlOf(info: RoomSessionInfo): string {
  return `${info.consoleReportUrl.replace(/\/sessions\/[^/]+$/, '')}/practice`;
}

async function main(): Promise<void> {
  const token = takeToken();
  if (token === null) {
    fatalScreen('Cannot open the room', tokenProblems.missing!);
    return;
  }
  const info = await loadSession(token);
  if (info === null) return;
  document.title = `${info.questionSet.title} · Interview room · Poise`;

  let interview: Interview | null = null;
  let firstReady: (ready: ReadyMessage) => void = () => undefined;
  const ready = new Promise<ReadyMessage>((resolve) => {
    firstReady = resolve;
  });
  const socketUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/capture`;
  const connection = new RoomConnection(socketUrl, token, {
    onState(state, detail) {
      showConnection(state, detail);
      if (state !== 'failed') return;
      // Nothing more can be stored: the camera and microphone are released and the reason shown.
      interview?.abandon();
      fatalScreen('Disconnected', detail);
    },
    onReady: (message) => firstReady(message),
    onFeedback: (feedback) => interview?.feedback(feedback),
  });
  connection.connect();
  const state = await ready;
  const clock = new SessionClock(Date.parse(info.startedAt));

  const finished = () => endedScreen(info.consoleReportUrl, connection.unconfirmed);
  if (state.ended) {
    connection.finish();
    finished();
    return;
  }
  if (state.consent === 'refused') {
    connection.finish();
    declinedScreen(practiceUrlOf(info));
    return;
  }

  const startInterview = async (): Promise<void> => {
    let stream: MediaStream;
    try {
      stream = await openCameraAndMicrophone();
    } catch (error) {
      mediaProblemScreen(explainMediaError(error), () => void startInterview());
      return;
    }
    interview = new Interview({
      info,
      connection,
      clock,
      stream,
      firstFrameSequence: (state.ack.frame ?? -1) + 1,
      firstAudioSequence: (state.ack.audio ?? -1) + 1,
      onEnded: finished,
    });
    await interview.start();
  };

  if (state.consent === 'given') {
    await startInterview();
    return;
  }

  const text = noticeText(info.policy);
  consentScreen(
    info.policy,
    info.questionSet.title,
    async () => {
      const reply = await connection.sendControl({
        type: 'consent',
        decision: 'given',
        noticeVersion: NOTICE_VERSION,
        noticeSha256: await sha256Hex(text),
        recordVideo: true,
        recordAudio: true,
        expressionAnalysis: info.policy.expressionAnalysis,
        rawMediaRetentionDays: info.policy.rawMediaRetentionDays,
      });
      if (!reply.ok && reply.code !== 'consent-already-recorded')
        return `Consent was not recorded: ${reply.message}`;
      await startInterview();
      return null;
    },
    async () => {
      const reply = await connection.sendControl({
        type: 'consent',
        decision: 'refused',
        noticeVersion: NOTICE_VERSION,
        noticeSha256: await sha256Hex(text),
        // Required by the message type; a refusal records none of them.
        recordVideo: false,
        recordAudio: false,
        expressionAnalysis: false,
        rawMediaRetentionDays: info.policy.rawMediaRetentionDays,
      });
      if (!reply.ok && reply.code !== 'consent-already-recorded')
        return `Your decision was not recorded: ${reply.message}`;
      await connection.sendControl({ type: 'end', offsetMs: clock.offsetMs() });
      connection.finish();
      declinedScreen(practiceUrlOf(info));
      return null;
    },
  );
}

main().catch((error: unknown) => {
  fatalScreen('Something went wrong', error instanceof Error ? error.message : String(error));
  document.getElementById('app')?.append(h('p', { class: 'muted' }, 'Reload the page to try again.'));
});
