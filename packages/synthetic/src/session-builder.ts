import { compileSessionReport } from '@poise/domain';
import {
  type Actor,
  deterministicEventId,
  type EventData,
  type EventType,
  negativeExpressionClasses,
  type PoiseEvent,
  type PoiseEventOf,
  streamName,
} from '@poise/schemas';
import { answerScore } from './answer-scoring';
import { eyeContactTarget, type FrameConditions, frameAnalysis } from './frame-signals';
import { clamp, round, SeededRandom } from './seeded-random';
import { type AppendBatch, syntheticEvent } from './synthetic-event';
import type { SyntheticIds } from './synthetic-ids';
import { syntheticConsentNotice } from './synthetic-models';
import type { RosterCandidate, RosterQuestion, TenantRoster } from './synthetic-roster';
import { transcriptPieces } from './transcript-text';
import { audioAnalysis } from './voice-signals';

export interface SessionPlan {
  readonly tenant: TenantRoster;
  readonly candidate: RosterCandidate;
  readonly sessionId: string;
  readonly startedAt: Date;
  /** 0..1 on the day, from the candidate's profile. */
  readonly skill: number;
  readonly framesPerAnswer: number;
}

/** An audit event and when it happened, for the tenant's audit stream. */
export interface TimedEvent {
  readonly at: Date;
  readonly event: PoiseEvent;
}

export interface BuiltSession {
  /** In append order: the session so far, its analyses, its end, its report (see buildSession). */
  readonly batches: AppendBatch[];
  /** Staff and the candidate looking at it afterwards, for the audit stream. */
  readonly audit: TimedEvent[];
}

const worker: Actor = { kind: 'service', id: 'inference-worker' };
const reportCompiler: Actor = { kind: 'service', id: 'report-compiler' };

/** Distributes a fractional target over items without sampling noise: Σ of the counts tracks Σ of the targets. */
class ErrorDiffusion {
  private carry = 0;
  take(expected: number, max: number): number {
    const wanted = expected + this.carry;
    const count = clamp(Math.round(wanted), 0, max);
    this.carry = wanted - count;
    return count;
  }
}

/**
 * One practice session as the room, the inference worker and the report compiler would have
 * written it, with no media: there is nothing to capture for a synthetic candidate, so there are
 * no FrameCaptured or AudioChunkCaptured events (and no media references that point nowhere);
 * analyses stand on their own, caused by the answer they belong to.
 *
 * The batches are cut so the log reads as it does live and a re-run is a retry: (1) the session
 * up to its last answer, (2) the analyses, (3) SessionEnded or SessionAbandoned, (4) the report
 * alone, with the report compiler's id, so a compiler running beside the generator appends nothing
 * new (its append of the same id is a retry, whichever comes first).
 */
export function buildSession(plan: SessionPlan, ids: SyntheticIds, seed: number): BuiltSession {
  const { tenant, candidate, sessionId, startedAt, skill } = plan;
  const random = SeededRandom.of(seed, 'session', sessionId);
  const candidateActor: Actor = { kind: 'user', id: candidate.candidateId, role: 'candidate' };
  const sessionStream = streamName.session(sessionId);
  const analysisStream = streamName.analysis(sessionId);
  const sessionEvents: PoiseEvent[] = [];
  const analysisEvents: PoiseEvent[] = [];
  const at = (offsetMs: number) => new Date(startedAt.getTime() + offsetMs);
  const id = (label: string) => ids.id('session', sessionId, label);

  const onSession = <Type extends EventType>(
    type: Type,
    label: string,
    data: EventData<Type>,
    offsetMs: number,
  ): PoiseEventOf<Type> => {
    const event = syntheticEvent(type, data, id(label), {
      tenantId: tenant.tenantId,
      actor: candidateActor,
      correlationId: sessionId,
      causationId: null,
      at: at(offsetMs),
    });
    sessionEvents.push(event as PoiseEvent);
    return event;
  };
  const onAnalysis = <Type extends EventType>(
    type: Type,
    label: string,
    data: EventData<Type>,
    cause: PoiseEvent,
    offsetMs: number,
  ): PoiseEventOf<Type> => {
    const event = syntheticEvent(type, data, id(label), {
      tenantId: tenant.tenantId,
      actor: worker,
      correlationId: sessionId,
      causationId: cause.id,
      at: at(offsetMs),
    });
    analysisEvents.push(event as PoiseEvent);
    return event;
  };

  const expression = tenant.expressionAnalysis;
  onSession(
    'SessionStarted',
    'started',
    {
      sessionId,
      candidateId: candidate.candidateId,
      questionSetId: tenant.questionSetId,
      cohortId: candidate.cohortId,
      source: 'live',
      startedAt: startedAt.toISOString(),
      policy: { expressionAnalysis: expression, rawMediaRetentionDays: tenant.retentionDays },
    },
    0,
  );
  let offsetMs = Math.round(random.between(1_500, 4_000));
  const outcomeDraw = random.next();
  if (outcomeDraw < 0.01) {
    onSession(
      'ConsentRefused',
      'consent',
      { sessionId, candidateId: candidate.candidateId, ...syntheticConsentNotice },
      offsetMs,
    );
    const abandoned = onSession(
      'SessionAbandoned',
      'abandoned',
      { sessionId, reason: 'consent-refused', lastActivityOffsetMs: offsetMs },
      offsetMs,
    );
    sessionEvents.pop();
    return {
      batches: [
        { streamName: sessionStream, events: sessionEvents },
        { streamName: sessionStream, events: [abandoned as PoiseEvent] },
      ],
      audit: [],
    };
  }
  onSession(
    'ConsentGiven',
    'consent',
    {
      sessionId,
      candidateId: candidate.candidateId,
      ...syntheticConsentNotice,
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: expression,
      rawMediaRetentionDays: tenant.retentionDays,
    },
    offsetMs,
  );
  offsetMs += Math.round(random.between(800, 2_000));

  const plannedAnswers = Math.min(tenant.questions.length, random.int(3, 5));
  // 4 % abandon part-way (the browser goes away, the candidate leaves).
  const abandonAfter = outcomeDraw < 0.05 ? random.int(1, plannedAnswers - 1) : null;
  const firstQuestion = random.int(0, tenant.questions.length - 1);
  const coverageTarget = clamp(0.15 + 0.8 * skill + random.normal(0, 0.03), 0, 1);
  const eyeContactShares = new ErrorDiffusion();
  const keyPointShares = new ErrorDiffusion();
  let questionsAsked = 0;
  let answersGiven = 0;
  let followUpAsked = false;

  /** One answer (to a question or a follow-up): its session events and its analyses. */
  const answer = (
    question: RosterQuestion,
    label: string,
    followUpId: string | null,
    nervousness: number,
    covered: readonly string[],
    durationMs: number,
    limitMs: number,
    frames: number,
  ) => {
    const answerId = ids.id('session', sessionId, label, 'answer');
    const answerStart = offsetMs;
    const started = onSession(
      'AnswerStarted',
      `${label}/started`,
      { sessionId, answerId, questionId: question.questionId, followUpId, offsetMs: answerStart },
      answerStart,
    );
    const duration = Math.min(durationMs, limitMs);
    const conditions: FrameConditions = {
      skill,
      nervousness,
      expression,
      stressed: expression && followUpId === null && skill < 0.4 && random.chance(0.15),
    };
    const eyeContacts = eyeContactShares.take(eyeContactTarget(conditions) * frames, frames);
    const lookingAt = new Set(random.shuffle([...Array(frames).keys()]).slice(0, eyeContacts));
    const frameData: EventData<'FrameAnalyzed'>[] = [];
    for (let index = 0; index < frames; index++) {
      const frameOffset = answerStart + Math.round(((index + random.between(0.1, 0.9)) * duration) / frames);
      const data = frameAnalysis(random, conditions, {
        sessionId,
        frameId: ids.id('session', sessionId, label, 'frame', index),
        answerId,
        offsetMs: frameOffset,
        eyeContact: lookingAt.has(index),
      });
      frameData.push(data);
      onAnalysis('FrameAnalyzed', `${label}/frame-analysis/${index}`, data, started, frameOffset + 300);
    }
    const audio = audioAnalysis(
      random,
      {
        sessionId,
        chunkId: ids.id('session', sessionId, label, 'chunk'),
        answerId,
        offsetMs: answerStart,
        durationMs: duration,
      },
      { skill, pitchHz: candidate.profile.pitchHz },
    );
    onAnalysis('AudioAnalyzed', `${label}/audio-analysis`, audio.data, started, answerStart + duration + 800);
    const score = answerScore(
      random,
      question.bank,
      { sessionId, answerId, questionId: question.questionId, followUpId, chunkIds: [audio.data.chunkId] },
      audio.features,
      {
        skill,
        nervousness,
        paceBias: candidate.profile.paceBias,
        favouriteFiller: candidate.profile.favouriteFiller,
        coveredKeyPoints: covered,
        eyeContactShare: frames === 0 ? null : eyeContacts / frames,
      },
    );
    const pieces = transcriptPieces(random, question.bank, covered, {
      word: candidate.profile.favouriteFiller,
      count: score.fillers.count,
    });
    pieces.forEach((text, index) => {
      const from = answerStart + Math.round((index * duration) / pieces.length) + 400;
      const to = answerStart + Math.round(((index + 1) * duration) / pieces.length) - 100;
      onSession(
        'TranscriptSegmentRecorded',
        `${label}/transcript/${index}`,
        {
          sessionId,
          answerId,
          index,
          text,
          source: 'browser-speech-recognition',
          confidence: round(random.between(0.78, 0.96), 3),
          startOffsetMs: from,
          endOffsetMs: Math.max(from, to),
        },
        to,
      );
    });
    offsetMs = answerStart + duration;
    const ended = onSession(
      'AnswerEnded',
      `${label}/ended`,
      {
        sessionId,
        answerId,
        reason: durationMs > limitMs ? 'time-limit' : 'finished',
        offsetMs,
        durationMs: duration,
      },
      offsetMs,
    );
    onAnalysis('AnswerScored', `${label}/scored`, score, ended, offsetMs + 2_000);
    const alert = stressAlert(frameData, answerId, sessionId);
    if (alert !== null) onAnalysis('StressAlertRaised', `${label}/stress`, alert, ended, offsetMs + 2_100);
    answersGiven += 1;
    return score;
  };

  for (let ordinal = 1; ordinal <= plannedAnswers; ordinal++) {
    if (abandonAfter !== null && ordinal > abandonAfter) break;
    const question = tenant.questions[(firstQuestion + ordinal - 1) % tenant.questions.length]!;
    const { question: content } = question.bank;
    onSession(
      'QuestionAsked',
      `q${ordinal}`,
      {
        sessionId,
        questionId: question.questionId,
        ordinal,
        text: content.text,
        readAloud: random.chance(0.3),
        timeLimitSeconds: content.timeLimitSeconds,
        offsetMs,
      },
      offsetMs,
    );
    questionsAsked += 1;
    offsetMs += Math.round(random.between(2_000, 6_000));
    const nervousness = (1 - skill) * 0.7 * Math.max(0, 1 - 0.3 * (ordinal - 1));
    const keyPoints = content.keyPoints.map((point) => point.id);
    const coveredCount = keyPointShares.take(coverageTarget * keyPoints.length, keyPoints.length);
    const covered = random.shuffle(keyPoints).slice(0, coveredCount);
    const seconds = content.behavioural
      ? random.normal(55 + 60 * skill, 15)
      : random.normal(35 + 45 * skill, 10);
    const score = answer(
      question,
      `q${ordinal}`,
      null,
      nervousness,
      covered,
      Math.round(clamp(seconds, 12, content.timeLimitSeconds + 20) * 1_000),
      content.timeLimitSeconds * 1_000,
      plan.framesPerAnswer,
    );
    offsetMs += Math.round(random.between(1_500, 4_000));

    // At most one adaptive follow-up a session, as the room asks it: a missing key point with a rule.
    const rule = followUpAsked
      ? undefined
      : content.followUpRules.find(
          (candidateRule) =>
            candidateRule.when === 'key-point-missing' &&
            score.coverage.missedKeyPointIds.includes(candidateRule.keyPointId),
        );
    if (rule?.when === 'key-point-missing' && random.chance(0.5)) {
      followUpAsked = true;
      const followUpId = ids.id('session', sessionId, `q${ordinal}`, 'follow-up');
      onSession(
        'FollowUpAsked',
        `q${ordinal}/follow-up`,
        {
          sessionId,
          followUpId,
          questionId: question.questionId,
          afterAnswerId: score.answerId,
          reason: 'key-point-missing',
          keyPointId: rule.keyPointId,
          text: rule.prompt,
          offsetMs,
        },
        offsetMs,
      );
      offsetMs += Math.round(random.between(1_500, 4_000));
      answer(
        question,
        `q${ordinal}/follow-up`,
        followUpId,
        nervousness,
        random.chance(0.4 + 0.5 * skill) ? [rule.keyPointId] : [],
        Math.round(random.between(15, 45) * 1_000),
        content.timeLimitSeconds * 1_000,
        Math.ceil(plan.framesPerAnswer / 2),
      );
      offsetMs += Math.round(random.between(1_500, 4_000));
    }
  }

  const opening: AppendBatch = { streamName: sessionStream, events: [...sessionEvents] };
  const analyses: AppendBatch = { streamName: analysisStream, events: [...analysisEvents] };
  if (abandonAfter !== null) {
    const abandoned = onSession(
      'SessionAbandoned',
      'abandoned',
      {
        sessionId,
        reason: random.chance(0.7) ? 'disconnected' : 'candidate-left',
        lastActivityOffsetMs: offsetMs,
      },
      offsetMs,
    );
    return {
      batches: [opening, analyses, { streamName: sessionStream, events: [abandoned as PoiseEvent] }],
      audit: [],
    };
  }
  const ended = onSession(
    'SessionEnded',
    'ended',
    { sessionId, durationMs: offsetMs, questionsAsked, answersGiven },
    offsetMs,
  );
  const report = syntheticEvent(
    'SessionReportCompiled',
    compileSessionReport(sessionEvents, analysisEvents),
    deterministicEventId(ended.id, 'SessionReportCompiled'),
    {
      tenantId: tenant.tenantId,
      actor: reportCompiler,
      correlationId: sessionId,
      causationId: ended.id,
      at: at(offsetMs + 3_000),
    },
  );
  return {
    batches: [
      opening,
      analyses,
      { streamName: sessionStream, events: [ended as PoiseEvent] },
      { streamName: analysisStream, events: [report as PoiseEvent] },
    ],
    audit: reviewEvents(random, ids, plan, at(offsetMs)),
  };
}

/**
 * The inference service's alert, applied to the answer's frames: negatives (angry, disgust, fear,
 * sad) above half of the expression mass on average. Synthetic answers carry a few frames, not
 * the 5 per second the service windows over, so the window is the answer's frames.
 */
function stressAlert(
  frames: readonly EventData<'FrameAnalyzed'>[],
  answerId: string,
  sessionId: string,
): EventData<'StressAlertRaised'> | null {
  const expressions = frames.flatMap((frame) =>
    frame.primaryFace?.expression === undefined
      ? []
      : [{ offsetMs: frame.offsetMs, ...frame.primaryFace.expression }],
  );
  if (expressions.length === 0) return null;
  const means = negativeExpressionClasses.map(
    (name) => expressions.reduce((sum, expression) => sum + expression[name], 0) / expressions.length,
  );
  const negativeShare = means.reduce((sum, mean) => sum + mean, 0);
  const threshold = 0.5;
  if (negativeShare <= threshold) return null;
  const dominant = negativeExpressionClasses[means.indexOf(Math.max(...means))]!;
  const first = expressions[0]!.offsetMs;
  const last = expressions[expressions.length - 1]!.offsetMs;
  return {
    sessionId,
    answerId,
    windowStartMs: first,
    windowEndMs: Math.max(last, first + 1_000),
    frameCount: expressions.length,
    negativeShare: round(Math.min(1, negativeShare), 4),
    threshold,
    dominantExpression: dominant,
  };
}

const HOUR_MS = 60 * 60 * 1000;

/** Who looks at an ended session afterwards: the candidate at their report, now and then their coach. */
function reviewEvents(
  random: SeededRandom,
  ids: SyntheticIds,
  plan: SessionPlan,
  endedAt: Date,
): TimedEvent[] {
  const { tenant, candidate, sessionId } = plan;
  const events: TimedEvent[] = [];
  const later = (minHours: number, maxHours: number) =>
    new Date(endedAt.getTime() + Math.round(random.between(minHours, maxHours) * HOUR_MS));
  const add = <Type extends EventType>(
    type: Type,
    label: string,
    data: EventData<Type>,
    actor: Actor,
    when: Date,
  ) => {
    const event = syntheticEvent(type, data, ids.id('session', sessionId, 'audit', label), {
      tenantId: tenant.tenantId,
      actor,
      correlationId: sessionId,
      causationId: null,
      at: when,
    });
    events.push({ at: when, event: event as PoiseEvent });
  };
  const candidateActor: Actor = { kind: 'user', id: candidate.candidateId, role: 'candidate' };
  const coach = candidate.coach.actor;
  const subject = { sessionId, candidateId: candidate.candidateId };
  if (random.chance(0.6)) add('ReportViewed', 'candidate-report', subject, candidateActor, later(0.02, 0.5));
  if (random.chance(0.3))
    add('SessionViewed', 'coach-detail', { ...subject, view: 'detail' }, coach, later(2, 72));
  if (random.chance(0.12))
    add('SessionViewed', 'coach-replay', { ...subject, view: 'replay' }, coach, later(3, 96));
  if (random.chance(0.2)) add('ReportViewed', 'coach-report', subject, coach, later(2, 96));
  if (random.chance(0.03)) {
    add(
      'ReportExported',
      'coach-export',
      {
        ...subject,
        format: random.pick(['pdf', 'csv', 'json'] as const),
        bytes: random.int(40_000, 400_000),
      },
      coach,
      later(4, 120),
    );
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
