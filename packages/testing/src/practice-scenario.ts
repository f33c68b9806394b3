import { createHash, randomUUID } from 'node:crypto';
import { appendHistory, compileSessionReport } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import {
  type Actor,
  createEvent,
  deterministicEventId,
  type EventData,
  type EventType,
  type ModelVersion,
  type PoiseEvent,
  streamName,
} from '@poise/schemas';
import { seededRandom } from './random';

/** An event and the stream it is appended to, in the order the scenario happened. */
export interface PlannedEvent {
  readonly streamName: string;
  readonly event: PoiseEvent;
}

const models: ModelVersion[] = [{ name: 'blazeface', version: '1.0.0', sha256: 'a'.repeat(64) }];
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export interface SessionPlan {
  readonly candidateId: string;
  readonly questionSetId: string;
  readonly questionIds: readonly string[];
  readonly cohortId?: string | null;
  readonly startedAt: Date;
  readonly answers?: number;
  readonly framesPerAnswer?: number;
  readonly expression?: boolean;
  /** ended (with its report, unless `report` is false), abandoned, or still running. */
  readonly outcome?: 'ended' | 'abandoned' | 'in-progress';
  readonly report?: boolean;
  /** 0..1: better candidates answer more relevantly, with more eye contact and fewer fillers. */
  readonly skill?: number;
  readonly captures?: boolean;
}

export interface PlannedSession {
  readonly sessionId: string;
  readonly sessionEvents: PoiseEvent[];
  readonly analysisEvents: PoiseEvent[];
}

/**
 * Builds realistic Poise events through the normal contracts (createEvent; the log validates on
 * append): tenants, people, cohorts, question sets and practice sessions with their captures,
 * analyses and report. Tests of the projector and the report compiler use it; it is not the
 * demo generator.
 */
export class PracticeScenario {
  readonly planned: PlannedEvent[] = [];
  private readonly random: () => number;

  constructor(
    readonly tenantId: string,
    seed = 1,
    private readonly admin: Actor = { kind: 'user', id: randomUUID(), role: 'admin' },
  ) {
    this.random = seededRandom(seed);
  }

  private add<Type extends EventType>(
    stream: string,
    type: Type,
    data: EventData<Type>,
    options: { actor?: Actor; correlationId?: string; causationId?: string | null; id?: string } = {},
  ): PoiseEvent {
    const event = createEvent(
      type,
      data,
      {
        tenantId: this.tenantId,
        actor: options.actor ?? this.admin,
        correlationId: options.correlationId ?? randomUUID(),
        causationId: options.causationId ?? null,
      },
      options.id,
    ) as PoiseEvent;
    this.planned.push({ streamName: stream, event });
    return event;
  }

  createTenant(name: string): this {
    const stream = streamName.tenant(this.tenantId);
    this.add(stream, 'TenantCreated', { tenantId: this.tenantId, name, kind: 'university' });
    this.add(stream, 'RetentionPolicySet', { tenantId: this.tenantId, rawMediaRetentionDays: 30 });
    this.add(stream, 'ExpressionAnalysisPolicySet', { tenantId: this.tenantId, enabled: true });
    return this;
  }

  addPerson(
    displayName: string,
    role: 'candidate' | 'staff' | 'admin' = 'candidate',
    userId = randomUUID(),
  ): string {
    const stream = streamName.user(userId);
    const email = `${displayName.toLowerCase().replaceAll(' ', '.')}@example.org`;
    this.add(stream, 'UserRegistered', { userId, email, displayName });
    this.add(stream, 'UserRoleGranted', { userId, role });
    return userId;
  }

  signIn(userId: string): this {
    this.add(
      streamName.user(userId),
      'UserSignedIn',
      { userId, method: 'password', ipAddress: '192.0.2.1' },
      { actor: { kind: 'user', id: userId } },
    );
    return this;
  }

  createCohort(name: string, cohortId = randomUUID()): string {
    this.add(streamName.cohort(cohortId), 'CohortCreated', { cohortId, name });
    return cohortId;
  }

  join(cohortId: string, candidateId: string): this {
    this.add(streamName.cohort(cohortId), 'CandidateAddedToCohort', { cohortId, candidateId });
    return this;
  }

  leave(cohortId: string, candidateId: string): this {
    this.add(streamName.cohort(cohortId), 'CandidateRemovedFromCohort', { cohortId, candidateId });
    return this;
  }

  createQuestionSet(title: string, questions: number): { questionSetId: string; questionIds: string[] } {
    const questionSetId = randomUUID();
    const stream = streamName.questionset(questionSetId);
    this.add(stream, 'QuestionSetCreated', { questionSetId, title, language: 'en' });
    const questionIds: string[] = [];
    for (let position = 0; position < questions; position++) {
      const questionId = randomUUID();
      questionIds.push(questionId);
      this.add(stream, 'QuestionAdded', {
        questionSetId,
        questionId,
        position,
        question: {
          text: `Question ${position + 1} of ${title}`,
          expectedAnswer: `A model answer to question ${position + 1}.`,
          keyPoints: [
            { id: 'context', text: 'Sets the context', synonyms: [] },
            { id: 'outcome', text: 'States the outcome', synonyms: ['result'] },
          ],
          behavioural: position % 2 === 0,
          followUpRules: [],
          timeLimitSeconds: 120,
        },
      });
    }
    return { questionSetId, questionIds };
  }

  /** One practice session with everything the room, the worker and the report compiler append. */
  practise(plan: SessionPlan): PlannedSession {
    const sessionId = randomUUID();
    const candidate: Actor = { kind: 'user', id: plan.candidateId, role: 'candidate' };
    const worker: Actor = { kind: 'service', id: 'inference-worker' };
    const session = streamName.session(sessionId);
    const analysis = streamName.analysis(sessionId);
    const capture = streamName.capture(sessionId);
    const inSession = { correlationId: sessionId };
    const sessionEvents: PoiseEvent[] = [];
    const analysisEvents: PoiseEvent[] = [];
    const onSession = <Type extends EventType>(type: Type, data: EventData<Type>) => {
      const event = this.add(session, type, data, { ...inSession, actor: candidate });
      sessionEvents.push(event);
      return event;
    };
    const onAnalysis = <Type extends EventType>(type: Type, data: EventData<Type>, source: PoiseEvent) => {
      const event = this.add(analysis, type, data, {
        ...inSession,
        actor: worker,
        causationId: source.id,
        id: deterministicEventId(source.id, type),
      });
      analysisEvents.push(event);
      return event;
    };
    const skill = plan.skill ?? 0.5;
    const expression = plan.expression ?? true;
    const answers = plan.answers ?? 2;
    const framesPerAnswer = plan.framesPerAnswer ?? 8;

    onSession('SessionStarted', {
      sessionId,
      candidateId: plan.candidateId,
      questionSetId: plan.questionSetId,
      cohortId: plan.cohortId ?? null,
      source: 'live',
      startedAt: plan.startedAt.toISOString(),
      policy: { expressionAnalysis: expression, rawMediaRetentionDays: 30 },
    });
    onSession('ConsentGiven', {
      sessionId,
      candidateId: plan.candidateId,
      noticeVersion: '2025-02',
      noticeSha256: sha('notice'),
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: expression,
      rawMediaRetentionDays: 30,
    });

    let offsetMs = 2_000;
    let frameSequence = 0;
    for (let index = 0; index < answers; index++) {
      const questionId = plan.questionIds[index % plan.questionIds.length]!;
      const answerId = randomUUID();
      onSession('QuestionAsked', {
        sessionId,
        questionId,
        ordinal: index + 1,
        text: `Question ${index + 1}`,
        readAloud: false,
        timeLimitSeconds: 120,
        offsetMs,
      });
      offsetMs += 3_000;
      const answerStart = offsetMs;
      onSession('AnswerStarted', { sessionId, answerId, questionId, followUpId: null, offsetMs });
      const durationMs = 20_000 + Math.round(this.random() * 40_000);
      onSession('TranscriptSegmentRecorded', {
        sessionId,
        answerId,
        index: 0,
        text: 'In my last project we had a difficult deadline.',
        source: 'browser-speech-recognition',
        confidence: 0.9,
        startOffsetMs: answerStart + 500,
        endOffsetMs: answerStart + Math.round(durationMs / 2),
      });
      for (let frame = 0; frame < framesPerAnswer; frame++) {
        const frameOffset = answerStart + Math.round((frame * durationMs) / framesPerAnswer);
        const frameId = randomUUID();
        const captured = this.add(
          capture,
          'FrameCaptured',
          {
            sessionId,
            frameId,
            answerId,
            sequence: frameSequence++,
            offsetMs: frameOffset,
            media: {
              sha256: sha(frameId),
              bytes: 18_000,
              contentType: 'image/jpeg',
              width: 640,
              height: 480,
            },
          },
          { ...inSession, actor: { kind: 'service', id: 'capture-gateway' } },
        );
        if (plan.captures === false) this.planned.pop();
        onAnalysis(
          'FrameAnalyzed',
          this.frameAnalysis(sessionId, frameId, answerId, frameOffset, skill, expression),
          captured,
        );
      }
      const chunkId = randomUUID();
      const chunk = this.add(
        capture,
        'AudioChunkCaptured',
        {
          sessionId,
          chunkId,
          answerId,
          sequence: index,
          offsetMs: answerStart,
          media: {
            sha256: sha(chunkId),
            bytes: 64_000,
            contentType: 'audio/pcm',
            sampleRate: 16_000,
            channels: 1,
            samples: 32_000,
          },
        },
        { ...inSession, actor: { kind: 'service', id: 'capture-gateway' } },
      );
      if (plan.captures === false) this.planned.pop();
      onAnalysis(
        'AudioAnalyzed',
        {
          sessionId,
          chunkId,
          answerId,
          offsetMs: answerStart,
          durationMs: 2_000,
          speechSegments: [{ startMs: 0, endMs: 1_500 }],
          pauses: [{ startMs: 1_500, endMs: 2_000 }],
          speechShare: 0.75,
          loudness: { meanDbfs: -22, stdDb: 4 },
          pitch: { meanHz: 170, stdHz: 25 },
          monotone: false,
          models,
          timingsMs: { total: 12 },
        },
        chunk,
      );
      offsetMs += durationMs;
      const ended = onSession('AnswerEnded', {
        sessionId,
        answerId,
        reason: 'finished',
        offsetMs,
        durationMs,
      });
      const words = Math.round((durationMs / 60_000) * (110 + this.random() * 70));
      const fillers = Math.round((1 - skill) * 10 * this.random());
      onAnalysis(
        'AnswerScored',
        {
          sessionId,
          answerId,
          scoreVersion: 1,
          supersedes: null,
          content: 'scored',
          audio: { analysedChunkIds: [chunkId], missingChunkIds: [] },
          questionId,
          followUpId: null,
          wordCount: words,
          speakingTimeMs: durationMs,
          relevance: round(0.3 + 0.6 * skill * this.random() + 0.1 * skill),
          coverage: { share: 0.5, matchedKeyPointIds: ['context'], missedKeyPointIds: ['outcome'] },
          similarity: round(0.4 + 0.4 * this.random()),
          star: index % 2 === 0 ? { situation: 0.8, task: 0.6, action: 0.7, result: round(skill) } : null,
          wordsPerMinute: round(words / (durationMs / 60_000)),
          fillers: {
            count: fillers,
            perMinute: round(fillers / (durationMs / 60_000)),
            top: fillers === 0 ? [] : [{ word: 'um', count: fillers }],
          },
          vocalConfidence: round(3 + 6 * skill * this.random() + skill),
          suggestions: [
            { code: 'missed-key-point', message: 'Say how it turned out.', feature: 'keyPoint:outcome' },
          ],
          models,
        },
        ended,
      );
      if (expression && skill < 0.3 && index === 0) {
        onAnalysis(
          'StressAlertRaised',
          {
            sessionId,
            answerId,
            windowStartMs: answerStart,
            windowEndMs: answerStart + 3_000,
            frameCount: 15,
            negativeShare: 0.7,
            threshold: 0.6,
            dominantExpression: 'fear',
          },
          ended,
        );
      }
      offsetMs += 1_000;
    }

    const outcome = plan.outcome ?? 'ended';
    if (outcome === 'abandoned') {
      onSession('SessionAbandoned', { sessionId, reason: 'disconnected', lastActivityOffsetMs: offsetMs });
    } else if (outcome === 'ended') {
      const ended = onSession('SessionEnded', {
        sessionId,
        durationMs: offsetMs,
        questionsAsked: answers,
        answersGiven: answers,
      });
      if (plan.report !== false) {
        onAnalysis('SessionReportCompiled', compileSessionReport(sessionEvents, analysisEvents), ended);
      }
    }
    return { sessionId, sessionEvents, analysisEvents };
  }

  private frameAnalysis(
    sessionId: string,
    frameId: string,
    answerId: string,
    offsetMs: number,
    skill: number,
    expression: boolean,
  ): EventData<'FrameAnalyzed'> {
    const faceFound = this.random() > 0.05;
    const eyeContact = this.random() < 0.3 + 0.6 * skill;
    const weights = Array.from({ length: 7 }, () => this.random() + 0.01);
    weights[6]! += 3 * skill;
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const [angry, disgust, fear, happy, sad, surprise, neutral] = weights.map((weight) => weight / total) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return {
      sessionId,
      frameId,
      answerId,
      offsetMs,
      faces: faceFound ? [{ box: { x: 0.3, y: 0.2, width: 0.4, height: 0.5 }, score: 0.95 }] : [],
      primaryFace: faceFound
        ? {
            faceIndex: 0,
            headPose: { yawDeg: eyeContact ? 2 : 25, pitchDeg: -3, rollDeg: 1 },
            eyeContact,
            ...(expression
              ? {
                  expression: { angry, disgust, fear, happy, sad, surprise, neutral },
                  composure: round(Math.min(1, neutral + happy * 0.5)),
                }
              : {}),
          }
        : null,
      expressionEnabled: expression,
      models,
      timingsMs: { decode: 2, detect: 5, landmarks: 4, expression: 3, total: 14 },
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Appends planned events in order, runs of the same stream as one append each. */
export async function appendPlanned(log: EventLog, planned: readonly PlannedEvent[]): Promise<void> {
  let index = 0;
  while (index < planned.length) {
    const stream = planned[index]!.streamName;
    const run: PoiseEvent[] = [];
    while (index < planned.length && planned[index]!.streamName === stream) run.push(planned[index++]!.event);
    // Prepared history, stamped when planned: appended the way the synthetic generator's is.
    await appendHistory(log, stream, run);
  }
}
