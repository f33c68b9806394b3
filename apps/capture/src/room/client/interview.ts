/// <reference lib="dom" />
/**
 * The interview itself: each question with thinking time and an answer timer, the live meters from
 * the gateway's feedback, the live (or typed) transcript, stress alerts and adaptive follow-ups.
 * Capture (frames, audio) runs from the moment the interview screen opens until the session ends.
 */
import { type FeedbackMessage, splitTranscript } from '@poise/wire';
import type { RoomFollowUp, RoomQuestion, RoomResumePoint, RoomSessionInfo } from '../room-session';
import { AudioChunker, pcm16Bytes, rmsDbfs } from './audio';
import type { RoomConnection } from './connection';
import { formatClock, h, showScreen } from './dom';
import { AnswerDrafts } from './drafts';
import { decideFollowUp, type FollowUpDecision, ruleKeyOf, type ScoredAnswer } from './follow-up';
import { type MicrophoneTap, startFrameLoop, tapMicrophone } from './media-capture';
import { encodeAudio, encodeFrame } from './media-encoding';
import { countFillers, countWords, FrameWindow, speechMs, wordsPerMinute } from './meters';
import { type MeterKey, MetersPanel } from './meters-panel';
import { AUDIO_SAMPLE_RATE } from './notice';
import type { SessionClock } from './protocol';
import {
  type LiveTranscriber,
  speak,
  speechRecognitionAvailable,
  startTranscriber,
  stopSpeaking,
} from './speech';

/** Seconds to think before answering when the question set does not say. */
export const DEFAULT_THINKING_SECONDS = 15;
const FOLLOW_UP_THINKING_SECONDS = 5;
/** How long the room waits for an answer's score before moving on without a follow-up. */
const SCORE_WAIT_MS = 30_000;
const STRESS_BANNER_MS = 10_000;
/** A resumed answer whose time ran out while the page was away still gets this long to finish. */
const RESUME_GRACE_MS = 30_000;

/** The question a reload resumes at: the open one, else the first not yet asked (past the end when all were). */
export function resumeIndex(questions: readonly RoomQuestion[], info: RoomSessionInfo): number {
  const { resume } = info;
  if (resume.kind !== 'next') {
    const open = questions.findIndex((question) => question.questionId === resume.questionId);
    if (open >= 0) return open;
  }
  const asked = new Set(info.questionsAsked);
  const next = questions.findIndex((question) => !asked.has(question.questionId));
  return next < 0 ? questions.length : next;
}

function followUpDecision(followUp: RoomFollowUp): FollowUpDecision & { followUpId: string } {
  const { followUpId, reason, keyPointId, text } = followUp;
  return {
    followUpId,
    reason,
    text,
    ruleKey: ruleKeyOf(reason, keyPointId),
    ...(keyPointId === undefined ? {} : { keyPointId }),
  };
}

type Phase = 'thinking' | 'answering' | 'scoring' | 'ending';

interface Answer {
  readonly answerId: string;
  readonly question: RoomQuestion;
  readonly followUp: (FollowUpDecision & { followUpId: string }) | null;
  readonly startOffsetMs: number;
  finals: string[];
  interim: string;
  speakingMs: number;
  lastFinalOffsetMs: number;
}

export interface InterviewOptions {
  readonly info: RoomSessionInfo;
  readonly connection: RoomConnection;
  readonly clock: SessionClock;
  readonly stream: MediaStream;
  /** The gateway's ack at connection: new media continues after it. */
  readonly firstFrameSequence: number;
  readonly firstAudioSequence: number;
  onEnded(): void;
}

export class Interview {
  private readonly info: RoomSessionInfo;
  private readonly connection: RoomConnection;
  private readonly clock: SessionClock;
  private readonly frames = new FrameWindow();
  private readonly meters: MetersPanel;
  private readonly questions: readonly RoomQuestion[];
  private index: number;
  private phase: Phase = 'thinking';
  private answer: Answer | null = null;
  private followUpsAsked = new Set<string>();
  /** Resolves the wait for an answer's score: null when it cannot drive a follow-up (failed, no words). */
  private readonly scores = new Map<string, (scored: ScoredAnswer | null) => void>();
  private frameSequence: number;
  private audioSequence: number;
  private readonly frameSentAt = new Map<number, number>();
  private transcriber: LiveTranscriber | null = null;
  private typedTranscript = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopFrames: (() => void) | null = null;
  private microphone: MicrophoneTap | null = null;
  private chunker: AudioChunker | null = null;
  private audioStartMs = 0;
  private ended = false;
  private readonly drafts: AnswerDrafts;

  // Elements the interview updates.
  private readonly questionLabel = h('p', { class: 'muted', 'data-testid': 'question-ordinal' });
  private readonly questionText = h('h1', {
    tabindex: -1,
    'data-testid': 'question-text',
    class: 'question',
  });
  private readonly followUpText = h('p', {
    class: 'follow-up',
    'data-testid': 'follow-up',
    hidden: true,
    'aria-live': 'polite',
  });
  private readonly phaseText = h('p', {
    class: 'phase',
    'data-testid': 'phase',
    role: 'timer',
    'aria-live': 'off',
  });
  /** How the last answer's scoring went when it was not a plain score (failed, content not scored). */
  private readonly scoreNote = h('p', {
    class: 'muted small',
    'data-testid': 'score-note',
    hidden: true,
    'aria-live': 'polite',
  });
  private readonly readAloud = h('input', {
    type: 'checkbox',
    id: 'read-aloud',
    'data-testid': 'read-aloud-toggle',
  });
  private readonly transcriptLive = h('p', {
    class: 'transcript',
    'data-testid': 'live-transcript',
    'aria-live': 'polite',
  });
  private readonly transcriptInput = h('textarea', {
    id: 'typed-transcript',
    rows: 5,
    'data-testid': 'transcript-input',
    placeholder: 'Optional: type your answer here (or leave it empty to skip the transcript).',
  });
  private readonly transcriptNote = h('p', { class: 'muted', 'data-testid': 'transcript-note' });
  private readonly stressBanner = h('p', {
    class: 'stress',
    role: 'alert',
    'data-testid': 'stress-alert',
    hidden: true,
  });
  private readonly nextButton = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'next-button',
    'aria-keyshortcuts': 'N',
  });
  private readonly repeatButton = h(
    'button',
    { type: 'button', 'data-testid': 'repeat-button', 'aria-keyshortcuts': 'R' },
    'Repeat question (R)',
  );
  private readonly endButton = h(
    'button',
    { type: 'button', class: 'danger', 'data-testid': 'end-button', 'aria-keyshortcuts': 'E' },
    'End session (E)',
  );
  private readonly video = h('video', {
    autoplay: true,
    muted: true,
    playsinline: true,
    'aria-label': 'Your camera',
  });
  private stressTimer: ReturnType<typeof setTimeout> | null = null;
  private phaseEndsAt = 0;
  private phaseStartedAt = 0;
  private readonly onKey = (event: KeyboardEvent) => this.shortcut(event);

  constructor(private readonly options: InterviewOptions) {
    this.info = options.info;
    this.connection = options.connection;
    this.clock = options.clock;
    this.frameSequence = options.firstFrameSequence;
    this.audioSequence = options.firstAudioSequence;
    this.questions = options.info.questionSet.questions;
    this.drafts = new AnswerDrafts(options.info.sessionId);
    this.index = resumeIndex(this.questions, options.info);
    this.meters = new MetersPanel(options.info.policy.expressionAnalysis);
    this.readAloud.checked = localStorage.getItem('poise-room-read-aloud') === 'true';
    this.readAloud.addEventListener('change', () => {
      localStorage.setItem('poise-room-read-aloud', String(this.readAloud.checked));
    });
  }

  async start(): Promise<void> {
    this.render();
    this.video.srcObject = this.options.stream;
    this.startCapture();
    document.addEventListener('keydown', this.onKey);
    this.timer = setInterval(() => this.tick(), 250);
    if (this.index >= this.questions.length) {
      await this.end();
      return;
    }
    this.resume(this.info.resume);
  }

  /**
   * Picks the interview up where the session's events left it (a reload, Back/Forward, a second
   * tab): an open answer continues with its transcript and typed draft, a question or follow-up
   * asked and not answered is shown again, otherwise the next question is asked.
   */
  private resume(point: RoomResumePoint): void {
    const question = this.questions[this.index];
    if (point.kind === 'next' || question === undefined || question.questionId !== point.questionId) {
      this.ask();
      return;
    }
    const followUp = point.followUp === null ? null : followUpDecision(point.followUp);
    this.showQuestion(question, followUp);
    if (point.kind === 'asked') {
      this.think(followUp === null ? DEFAULT_THINKING_SECONDS : FOLLOW_UP_THINKING_SECONDS, followUp);
      return;
    }
    this.answer = {
      answerId: point.answerId,
      question,
      followUp,
      startOffsetMs: point.startOffsetMs,
      finals: [...point.transcript],
      interim: '',
      speakingMs: 0,
      lastFinalOffsetMs: point.startOffsetMs,
    };
    // The answer's time limit keeps counting from when it started, with a short grace to finish.
    const elapsedMs = Math.max(0, this.clock.offsetMs() - point.startOffsetMs);
    const leftMs = Math.max(RESUME_GRACE_MS, question.timeLimitSeconds * 1000 - elapsedMs);
    this.enterAnswering(leftMs + elapsedMs, elapsedMs);
  }

  private showQuestion(question: RoomQuestion, followUp: FollowUpDecision | null): void {
    this.followUpsAsked = new Set(followUp === null ? [] : [followUp.ruleKey]);
    this.questionLabel.textContent = `Question ${this.index + 1} of ${this.questions.length}`;
    this.questionText.textContent = question.text;
    this.followUpText.hidden = followUp === null;
    this.followUpText.textContent = followUp?.text ?? '';
    if (followUp !== null) this.followUpText.dataset.reason = followUp.reason;
  }

  /** Every feedback message from the gateway. */
  feedback(message: FeedbackMessage): void {
    switch (message.event) {
      case 'FrameAnalyzed': {
        const face = message.data.primaryFace;
        this.frames.add({
          offsetMs: message.data.offsetMs,
          faceFound: face !== null,
          eyeContact: face?.eyeContact ?? false,
          ...(face?.composure === undefined ? {} : { composure: face.composure }),
        });
        const sentAt =
          message.frameSequence === undefined ? undefined : this.frameSentAt.get(message.frameSequence);
        if (sentAt !== undefined) this.meters.latency(performance.now() - sentAt);
        this.updateVisualMeters();
        return;
      }
      case 'AudioAnalyzed':
        if (this.answer !== null && message.data.answerId === this.answer.answerId) {
          this.answer.speakingMs += speechMs(message.data.speechSegments);
          this.updateSpeechMeters();
        }
        return;
      case 'AnswerScored': {
        const contentScored = message.data.content === 'scored';
        // A re-score (late audio) of an answer already shown needs no word in the room: the report has it.
        if (message.data.scoreVersion === 1) {
          this.showScoreNote(
            contentScored
              ? null
              : 'Your last answer: content not scored (no transcript was recorded). Your delivery was scored from your voice.',
          );
        }
        this.scores.get(message.data.answerId)?.(contentScored ? message.data : null);
        this.scores.delete(message.data.answerId);
        return;
      }
      case 'AnswerScoringFailed':
        this.showScoreNote(
          message.data.willRetry
            ? 'Scoring your last answer failed for now; it is being retried and your report will include it.'
            : 'Your last answer could not be scored; your report lists it as not scored.',
        );
        this.scores.get(message.data.answerId)?.(null);
        this.scores.delete(message.data.answerId);
        return;
      case 'StressAlertRaised':
        this.stressBanner.textContent =
          'Stress alert: your expressions looked tense for a while. Take a slow breath, relax your shoulders and ' +
          'take your time — pausing is fine.';
        this.stressBanner.hidden = false;
        if (this.stressTimer !== null) clearTimeout(this.stressTimer);
        this.stressTimer = setTimeout(() => {
          this.stressBanner.hidden = true;
        }, STRESS_BANNER_MS);
        return;
    }
  }

  private render(): void {
    this.nextButton.addEventListener('click', () => void this.next());
    this.repeatButton.addEventListener('click', () => this.repeat());
    this.endButton.addEventListener('click', () => void this.end());
    this.video.className = 'preview';
    showScreen(
      h(
        'div',
        { class: 'interview' },
        h(
          'section',
          { class: 'card side', 'aria-label': 'Camera and live feedback' },
          this.video,
          this.meters.element,
        ),
        h(
          'section',
          { class: 'card main', 'aria-labelledby': 'question-heading' },
          h('span', { id: 'question-heading', class: 'visually-hidden' }, 'Current question'),
          this.questionLabel,
          this.questionText,
          this.followUpText,
          h('label', { class: 'inline', for: 'read-aloud' }, this.readAloud, ' Read questions aloud'),
          this.phaseText,
          this.scoreNote,
          this.stressBanner,
          h('h2', {}, 'Transcript'),
          this.transcriptNote,
          this.transcriptLive,
          this.transcriptInput,
          h('div', { class: 'actions' }, this.nextButton, this.repeatButton, this.endButton),
          h(
            'p',
            { class: 'muted small' },
            'Shortcuts: N next step, R repeat the question, E end the session.',
          ),
        ),
      ),
    );
    this.transcriptInput.hidden = true;
    this.transcriptInput.addEventListener('input', () => {
      if (this.answer !== null) this.drafts.save(this.answer.answerId, this.transcriptInput.value);
    });
  }

  // ---- capture ------------------------------------------------------------------------------

  private startCapture(): void {
    this.stopFrames = startFrameLoop(
      this.video,
      (jpeg, width, height) => {
        const sequence = this.frameSequence++;
        this.frameSentAt.set(sequence, performance.now());
        this.frameSentAt.delete(sequence - 200);
        const bytes = encodeFrame(sequence, this.clock.offsetMs(), width, height, jpeg);
        this.connection.sendMedia('frame', sequence, bytes);
      },
      () => !this.ended && this.connection.canProduce('frame'),
    );
    tapMicrophone(this.options.stream, (samples) => this.audioBlock(samples)).then(
      (tap) => {
        this.microphone = tap;
        this.chunker = new AudioChunker(tap.sampleRate);
        this.audioStartMs = this.clock.offsetMs();
      },
      (error: unknown) => {
        this.meters.set(
          'volume',
          null,
          `unavailable (${error instanceof Error ? error.message : 'no audio'})`,
        );
      },
    );
  }

  private audioBlock(samples: Float32Array): void {
    if (this.chunker === null || this.ended) return;
    for (const chunk of this.chunker.push(samples)) this.sendAudio(chunk.startMs, chunk.samples);
    const dbfs = Math.round(rmsDbfs(samples));
    this.meters.volume(dbfs);
  }

  private sendAudio(startMs: number, samples: Int16Array): void {
    // Holding off when the gateway is far behind drops live audio rather than growing memory.
    if (!this.connection.canProduce('audio')) return;
    const sequence = this.audioSequence++;
    const bytes = encodeAudio(sequence, this.audioStartMs + startMs, AUDIO_SAMPLE_RATE, pcm16Bytes(samples));
    this.connection.sendMedia('audio', sequence, bytes);
  }

  private async stopCapture(): Promise<void> {
    this.stopFrames?.();
    const rest = this.chunker?.flush();
    if (rest !== null && rest !== undefined && rest.samples.length > 0)
      this.sendAudio(rest.startMs, rest.samples);
    this.chunker = null;
    await this.microphone?.stop().catch(() => undefined);
    for (const track of this.options.stream.getTracks()) track.stop();
  }

  // ---- the question flow ----------------------------------------------------------------------

  private ask(): void {
    const question = this.questions[this.index];
    if (question === undefined) {
      void this.end();
      return;
    }
    this.showQuestion(question, null);
    void this.connection.sendControl({
      type: 'question-asked',
      questionId: question.questionId,
      readAloud: this.readAloud.checked,
      offsetMs: this.clock.offsetMs(),
    });
    if (this.readAloud.checked) speak(question.text, this.info.questionSet.language);
    this.think(question.thinkingSeconds ?? DEFAULT_THINKING_SECONDS, null);
    this.questionText.focus();
  }

  private pendingFollowUp: (FollowUpDecision & { followUpId: string }) | null = null;

  private think(seconds: number, followUp: (FollowUpDecision & { followUpId: string }) | null): void {
    this.phase = 'thinking';
    this.pendingFollowUp = followUp;
    this.phaseStartedAt = performance.now();
    this.phaseEndsAt = this.phaseStartedAt + seconds * 1000;
    this.nextButton.textContent = 'Start answering (N)';
    this.nextButton.disabled = false;
    this.transcriptLive.textContent = '';
    this.transcriptInput.hidden = true;
    this.transcriptNote.textContent = 'Your words appear here while you answer.';
    this.tick();
  }

  private startAnswer(): void {
    const question = this.questions[this.index];
    if (question === undefined) return;
    const startOffsetMs = this.clock.offsetMs();
    const followUp = this.pendingFollowUp;
    this.answer = {
      answerId: crypto.randomUUID(),
      question,
      followUp,
      startOffsetMs,
      finals: [],
      interim: '',
      speakingMs: 0,
      lastFinalOffsetMs: startOffsetMs,
    };
    void this.connection.sendControl({
      type: 'answer-started',
      answerId: this.answer.answerId,
      questionId: question.questionId,
      followUpId: followUp?.followUpId ?? null,
      offsetMs: startOffsetMs,
    });
    this.enterAnswering(question.timeLimitSeconds * 1000, 0);
  }

  /** The answering phase of `this.answer`, `elapsedMs` of its `limitMs` gone already (a resumed answer). */
  private enterAnswering(limitMs: number, elapsedMs: number): void {
    this.phase = 'answering';
    this.phaseStartedAt = performance.now() - elapsedMs;
    this.phaseEndsAt = this.phaseStartedAt + limitMs;
    this.nextButton.textContent = 'Finish answer (N)';
    this.nextButton.disabled = false;
    this.startTranscript();
    this.showTranscriptSoFar();
    this.updateSpeechMeters();
    this.tick();
  }

  private startTranscript(): void {
    const answer = this.answer;
    if (answer === null) return;
    this.typedTranscript = !speechRecognitionAvailable();
    if (!this.typedTranscript) {
      this.transcriptNote.textContent = 'Live transcript from your browser’s speech recognition:';
      this.transcriber = startTranscriber(this.info.questionSet.language, {
        interim: (text) => {
          answer.interim = text;
          this.showTranscript(answer);
        },
        final: (text, confidence) => {
          if (text === '') return;
          this.sendTranscript(answer, text, confidence, 'browser-speech-recognition');
          answer.interim = '';
          this.showTranscript(answer);
        },
        failed: (reason) => {
          this.transcriber = null;
          this.useTypedTranscript(`Speech recognition stopped (${reason}).`);
        },
      });
    }
    if (this.typedTranscript || this.transcriber === null) {
      this.useTypedTranscript('Your browser has no speech recognition.');
    }
  }

  private useTypedTranscript(why: string): void {
    this.typedTranscript = true;
    this.transcriptNote.textContent = `${why} You may type your answer below, or leave it empty to skip the transcript; it is sent when the answer ends.`;
    // A draft typed before a reload (or in another tab) comes back; the browser keeps it per answer.
    this.transcriptInput.value = this.answer === null ? '' : (this.drafts.read(this.answer.answerId) ?? '');
    this.transcriptInput.hidden = false;
  }

  /** A resumed answer shows what was recorded of it before. */
  private showTranscriptSoFar(): void {
    if (this.answer !== null && this.answer.finals.length > 0) this.showTranscript(this.answer);
  }

  private sendTranscript(
    answer: Answer,
    text: string,
    confidence: number | undefined,
    source: 'browser-speech-recognition' | 'supplied',
  ): void {
    const endOffsetMs = Math.max(answer.lastFinalOffsetMs, this.clock.offsetMs());
    // A long answer (a typed one, or minutes of speech in one recognition) goes as several segments.
    for (const part of splitTranscript(text)) {
      const index = answer.finals.length;
      answer.finals.push(part);
      void this.connection.sendControl({
        type: 'transcript',
        answerId: answer.answerId,
        index,
        text: part,
        final: true,
        source,
        ...(confidence === undefined ? {} : { confidence }),
        startOffsetMs: answer.lastFinalOffsetMs,
        endOffsetMs,
      });
    }
    answer.lastFinalOffsetMs = endOffsetMs;
    this.updateSpeechMeters();
  }

  private showTranscript(answer: Answer): void {
    this.transcriptLive.replaceChildren(
      answer.finals.join(' '),
      answer.interim === '' ? '' : h('span', { class: 'interim' }, ` ${answer.interim}`),
    );
    this.updateSpeechMeters();
  }

  private finishAnswer(reason: 'finished' | 'time-limit' | 'session-ended'): Answer | null {
    const answer = this.answer;
    if (answer === null) return null;
    this.transcriber?.stop();
    this.transcriber = null;
    if (answer.interim !== '') {
      this.sendTranscript(answer, answer.interim, undefined, 'browser-speech-recognition');
      answer.interim = '';
    }
    const typed = this.typedTranscript ? this.transcriptInput.value.trim() : '';
    if (typed !== '') this.sendTranscript(answer, typed, undefined, 'supplied');
    this.transcriptInput.hidden = true;
    // Sent with the answer: the outbox keeps it until the gateway confirms, across reconnects.
    this.drafts.clear(answer.answerId);
    void this.connection.sendControl({
      type: 'answer-ended',
      answerId: answer.answerId,
      reason,
      offsetMs: Math.max(this.clock.offsetMs(), answer.lastFinalOffsetMs),
    });
    this.answer = null;
    return answer;
  }

  private async awaitScore(answer: Answer): Promise<void> {
    this.phase = 'scoring';
    this.nextButton.textContent = 'Next question (N)';
    this.phaseText.textContent = 'Scoring your answer…';
    const scored = await new Promise<ScoredAnswer | null>((resolve) => {
      const timeout = setTimeout(() => {
        this.scores.delete(answer.answerId);
        resolve(null);
      }, SCORE_WAIT_MS);
      this.scores.set(answer.answerId, (result) => {
        clearTimeout(timeout);
        resolve(result);
      });
      this.skipScore = () => {
        clearTimeout(timeout);
        this.scores.delete(answer.answerId);
        resolve(null);
      };
    });
    this.skipScore = null;
    if (this.ended || this.phase !== 'scoring') return;
    const decision = scored === null ? null : decideFollowUp(answer.question, scored, this.followUpsAsked);
    if (decision === null) {
      this.index += 1;
      this.ask();
      return;
    }
    await this.askFollowUp(answer, decision);
  }

  private skipScore: (() => void) | null = null;

  private showScoreNote(text: string | null): void {
    this.scoreNote.textContent = text ?? '';
    this.scoreNote.hidden = text === null;
  }

  private async askFollowUp(answer: Answer, decision: FollowUpDecision): Promise<void> {
    this.followUpsAsked.add(decision.ruleKey);
    const followUpId = crypto.randomUUID();
    const reply = await this.connection.sendControl({
      type: 'follow-up-asked',
      followUpId,
      afterAnswerId: answer.answerId,
      reason: decision.reason,
      ...(decision.keyPointId === undefined ? {} : { keyPointId: decision.keyPointId }),
      offsetMs: this.clock.offsetMs(),
    });
    if (this.ended) return;
    this.followUpText.textContent = decision.text;
    this.followUpText.dataset.reason = decision.reason;
    this.followUpText.hidden = false;
    if (this.readAloud.checked) speak(decision.text, this.info.questionSet.language);
    // Without the gateway recording the follow-up, the answer is scored as more of the question itself.
    this.think(FOLLOW_UP_THINKING_SECONDS, reply.ok ? { ...decision, followUpId } : null);
  }

  // ---- controls --------------------------------------------------------------------------------

  private async next(): Promise<void> {
    if (this.ended) return;
    if (this.phase === 'thinking') {
      this.startAnswer();
    } else if (this.phase === 'answering') {
      const answer = this.finishAnswer('finished');
      if (answer !== null) await this.awaitScore(answer);
    } else if (this.phase === 'scoring') {
      this.skipScore?.();
    }
  }

  private repeat(): void {
    const question = this.questions[this.index];
    if (question === undefined) return;
    const text = this.followUpText.hidden ? question.text : (this.followUpText.textContent ?? question.text);
    speak(text, this.info.questionSet.language);
    this.questionText.focus();
  }

  private async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.phase = 'ending';
    this.skipScore?.();
    stopSpeaking();
    this.finishAnswer('session-ended');
    for (const button of [this.nextButton, this.repeatButton, this.endButton]) button.disabled = true;
    this.phaseText.textContent = 'Ending the session…';
    if (this.timer !== null) clearInterval(this.timer);
    document.removeEventListener('keydown', this.onKey);
    await this.stopCapture();
    // `end` queues behind every frame and chunk still unconfirmed, so they are stored before it.
    await this.connection.sendControl({ type: 'end', offsetMs: this.clock.offsetMs() });
    this.connection.finish();
    this.options.onEnded();
  }

  /** The connection is gone for good (refused, superseded): stop capturing without sending anything. */
  abandon(): void {
    if (this.ended) return;
    this.ended = true;
    stopSpeaking();
    this.transcriber?.stop();
    this.transcriber = null;
    if (this.timer !== null) clearInterval(this.timer);
    document.removeEventListener('keydown', this.onKey);
    void this.stopCapture();
  }

  private shortcut(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) return;
    const key = event.key.toLowerCase();
    const button =
      key === 'n' ? this.nextButton : key === 'r' ? this.repeatButton : key === 'e' ? this.endButton : null;
    if (button === null || button.disabled) return;
    event.preventDefault();
    button.click();
  }

  private tick(): void {
    const now = performance.now();
    if (this.phase === 'thinking') {
      const left = (this.phaseEndsAt - now) / 1000;
      this.phaseText.textContent = `Thinking time: ${formatClock(left)} — answering starts by itself.`;
      this.phaseText.dataset.phase = 'thinking';
      if (left <= 0) this.startAnswer();
    } else if (this.phase === 'answering') {
      const elapsed = (now - this.phaseStartedAt) / 1000;
      const limit = (this.phaseEndsAt - this.phaseStartedAt) / 1000;
      this.phaseText.textContent = `Answering: ${formatClock(elapsed)} of ${formatClock(limit)}`;
      this.phaseText.dataset.phase = 'answering';
      if (now >= this.phaseEndsAt) {
        const answer = this.finishAnswer('time-limit');
        if (answer !== null) void this.awaitScore(answer);
      } else if (this.typedTranscript) {
        this.updateSpeechMeters();
      }
    } else {
      this.phaseText.dataset.phase = this.phase;
    }
  }

  // ---- meters ------------------------------------------------------------------------------------

  private updateVisualMeters(): void {
    this.meters.faceInFrame(this.frames.faceInFrame());
    this.meters.share('eye-contact', this.frames.eyeContactShare());
    this.meters.share('composure', this.frames.composureMean());
  }

  private updateSpeechMeters(): void {
    const answer = this.answer;
    if (answer === null) return;
    if (this.typedTranscript) {
      // Typed words say nothing about speaking speed (a pasted answer would read as 1,000+ wpm).
      this.meters.pace(null);
      this.meters.count('fillers' satisfies MeterKey, countFillers(this.transcriptInput.value));
      return;
    }
    const spoken = [...answer.finals, answer.interim].join(' ').trim();
    // Speaking time comes from the audio analyses; until the first arrives, the time since answering began.
    const elapsedMs = this.clock.offsetMs() - answer.startOffsetMs;
    this.meters.pace(
      wordsPerMinute(countWords(spoken), answer.speakingMs > 0 ? answer.speakingMs : elapsedMs),
    );
    this.meters.count('fillers' satisfies MeterKey, countFillers(spoken));
  }
}
