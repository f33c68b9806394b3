/**
 * One valid example per event type, with the stream it belongs to. The mapped type makes a new
 * event type without an example a compile error; tests append every example through validation,
 * and other packages may use them as fixtures.
 */
import type { EventData, EventType, ModelVersion } from '@poise/schemas';

export type EventExamples = {
  readonly [Type in EventType]: { readonly streamName: string; readonly data: EventData<Type> };
};

const tenant = 'leeds-careers';
const ids = {
  session: '1f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c11',
  candidate: '2a7d4e1b-5c3f-4b8a-9e6d-3c1f0b2a4d22',
  staff: '3b8e5f2c-6d4a-4c9b-8f7e-4d2a1c3b5e33',
  cohort: '4c9f6a3d-7e5b-4dac-a08f-5e3b2d4c6f44',
  questionSet: '5da07b4e-8f6c-4ebd-b19a-6f4c3e5d7a55',
  question: '6eb18c5f-9a7d-4fce-82ab-7a5d4f6e8b66',
  answer: '7fc29d6a-ab8e-4adf-93bc-8b6e5a7f9c77',
  followUp: '80d3ae7b-bc9f-4be0-a4cd-9c7f6b8aad88',
  frame: '91e4bf8c-cda0-4cf1-b5de-ad8a7c9bbe99',
  chunk: 'a2f5c09d-deb1-4d02-86ef-be9b8dacc1aa',
  comment: 'b306d1ae-efc2-4e13-97f0-cfac9ebdd2bb',
} as const;
const sha = (digit: string) => digit.repeat(64);

const models: ModelVersion[] = [
  { name: 'blazeface', version: '1.0.0', sha256: sha('a') },
  { name: 'mini-xception-fer', version: '1.0.0', sha256: sha('b') },
];

const question = {
  text: 'Tell me about a time you resolved a conflict in a team.',
  expectedAnswer: 'Describe the situation, your task, the actions you took to mediate and the outcome.',
  keyPoints: [
    { id: 'listening', text: 'Listened to both sides', synonyms: ['heard them out'] },
    { id: 'outcome', text: 'Stated a measurable result', synonyms: ['result', 'impact'] },
  ],
  behavioural: true,
  followUpRules: [
    { when: 'too-short' as const, minWords: 40, prompt: 'Can you elaborate?' },
    { when: 'key-point-missing' as const, keyPointId: 'outcome', prompt: 'How did it turn out?' },
    { when: 'no-result-stated' as const, prompt: 'What was the result?' },
  ],
  timeLimitSeconds: 120,
};

const expression = {
  angry: 0.02,
  disgust: 0.01,
  fear: 0.03,
  happy: 0.2,
  sad: 0.04,
  surprise: 0.05,
  neutral: 0.65,
};

export const eventExamples: EventExamples = {
  TenantCreated: {
    streamName: `tenant-${tenant}`,
    data: { tenantId: tenant, name: 'Leeds Careers Centre', kind: 'university' },
  },
  TenantRenamed: {
    streamName: `tenant-${tenant}`,
    data: { tenantId: tenant, name: 'Leeds Careers Service', previousName: 'Leeds Careers Centre' },
  },
  RetentionPolicySet: {
    streamName: `tenant-${tenant}`,
    data: { tenantId: tenant, rawMediaRetentionDays: 30 },
  },
  ExpressionAnalysisPolicySet: {
    streamName: `tenant-${tenant}`,
    data: { tenantId: tenant, enabled: false, reason: 'EU AI Act Art. 5(1)(f) applies to us' },
  },
  UserInvited: {
    streamName: `user-${ids.candidate}`,
    data: {
      userId: ids.candidate,
      email: 'sam@example.ac.uk',
      role: 'candidate',
      cohortId: ids.cohort,
      expiresAt: '2025-03-08T09:00:00.000Z',
    },
  },
  UserRegistered: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, email: 'sam@example.ac.uk', displayName: 'Sam Okafor' },
  },
  UserRoleGranted: { streamName: `user-${ids.staff}`, data: { userId: ids.staff, role: 'staff' } },
  UserRoleRevoked: { streamName: `user-${ids.staff}`, data: { userId: ids.staff, role: 'admin' } },
  UserSignedIn: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, method: 'password', ipAddress: '192.0.2.10', userAgent: 'Mozilla/5.0' },
  },
  UserSignInFailed: {
    streamName: `audit-${tenant}`,
    data: { emailSha256: sha('c'), userId: null, reason: 'unknown-account', ipAddress: '2001:db8::1' },
  },
  UserSignedOut: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, reason: 'signed-out' },
  },
  UserDisabled: { streamName: `user-${ids.candidate}`, data: { userId: ids.candidate } },
  UserEnabled: { streamName: `user-${ids.candidate}`, data: { userId: ids.candidate } },
  PasswordChanged: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, via: 'reset-link' },
  },
  PasswordResetRequested: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, expiresAt: '2025-03-01T10:00:00Z' },
  },
  InvitationRevoked: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, role: 'candidate' },
  },
  AnonymousRequestsThrottled: {
    streamName: `audit-${tenant}`,
    data: {
      endpoint: 'password-reset-request',
      scope: 'account',
      emailSha256: 'a'.repeat(64),
      attempts: 3,
      lockedUntil: '2025-03-01T10:15:00.000Z',
    },
  },
  UserErasureRequested: {
    streamName: `user-${ids.candidate}`,
    data: { userId: ids.candidate, dueBy: '2025-03-31T00:00:00.000Z' },
  },
  UserErased: {
    streamName: `audit-${tenant}`,
    data: {
      userId: ids.candidate,
      streamsDeleted: [`user-${ids.candidate}`, `capture-${ids.session}`],
      mediaObjectsDeleted: 5400,
    },
  },
  CohortCreated: {
    streamName: `cohort-${ids.cohort}`,
    data: {
      cohortId: ids.cohort,
      name: 'Spring 2025 graduates',
      description: 'Final-year engineering students',
    },
  },
  CandidateAddedToCohort: {
    streamName: `cohort-${ids.cohort}`,
    data: { cohortId: ids.cohort, candidateId: ids.candidate },
  },
  CandidateRemovedFromCohort: {
    streamName: `cohort-${ids.cohort}`,
    data: { cohortId: ids.cohort, candidateId: ids.candidate, reason: 'Graduated' },
  },
  QuestionSetCreated: {
    streamName: `questionset-${ids.questionSet}`,
    data: { questionSetId: ids.questionSet, title: 'Graduate behavioural interview', language: 'en-GB' },
  },
  QuestionAdded: {
    streamName: `questionset-${ids.questionSet}`,
    data: { questionSetId: ids.questionSet, questionId: ids.question, position: 0, question },
  },
  QuestionUpdated: {
    streamName: `questionset-${ids.questionSet}`,
    data: {
      questionSetId: ids.questionSet,
      questionId: ids.question,
      question: { ...question, timeLimitSeconds: 180 },
    },
  },
  QuestionRemoved: {
    streamName: `questionset-${ids.questionSet}`,
    data: { questionSetId: ids.questionSet, questionId: ids.question },
  },
  SessionStarted: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      candidateId: ids.candidate,
      questionSetId: ids.questionSet,
      cohortId: ids.cohort,
      source: 'live',
      startedAt: '2025-03-01T09:30:00.000Z',
      policy: { expressionAnalysis: true, rawMediaRetentionDays: 30 },
    },
  },
  ConsentGiven: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      candidateId: ids.candidate,
      noticeVersion: '2025-02',
      noticeSha256: sha('d'),
      recordVideo: true,
      recordAudio: true,
      expressionAnalysis: true,
      rawMediaRetentionDays: 30,
    },
  },
  ConsentRefused: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      candidateId: ids.candidate,
      noticeVersion: '2025-02',
      noticeSha256: sha('d'),
    },
  },
  QuestionAsked: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      questionId: ids.question,
      ordinal: 1,
      text: question.text,
      readAloud: true,
      timeLimitSeconds: 120,
      offsetMs: 4000,
    },
  },
  AnswerStarted: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      answerId: ids.answer,
      questionId: ids.question,
      followUpId: null,
      offsetMs: 9000,
    },
  },
  TranscriptSegmentRecorded: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      answerId: ids.answer,
      index: 0,
      text: 'In my placement two developers disagreed about the release date.',
      source: 'browser-speech-recognition',
      confidence: 0.91,
      startOffsetMs: 9400,
      endOffsetMs: 14_200,
    },
  },
  AnswerEnded: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      answerId: ids.answer,
      reason: 'finished',
      offsetMs: 71_000,
      durationMs: 62_000,
    },
  },
  FollowUpAsked: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      followUpId: ids.followUp,
      questionId: ids.question,
      afterAnswerId: ids.answer,
      reason: 'key-point-missing',
      keyPointId: 'outcome',
      text: 'How did it turn out?',
      offsetMs: 72_000,
    },
  },
  SessionEnded: {
    streamName: `session-${ids.session}`,
    data: { sessionId: ids.session, durationMs: 600_000, questionsAsked: 5, answersGiven: 6 },
  },
  SessionAbandoned: {
    streamName: `session-${ids.session}`,
    data: { sessionId: ids.session, reason: 'disconnected', lastActivityOffsetMs: 125_000 },
  },
  FrameCaptured: {
    streamName: `capture-${ids.session}`,
    data: {
      sessionId: ids.session,
      frameId: ids.frame,
      answerId: ids.answer,
      sequence: 42,
      offsetMs: 13_200,
      media: { sha256: sha('e'), bytes: 48_213, contentType: 'image/jpeg', width: 640, height: 480 },
    },
  },
  AudioChunkCaptured: {
    streamName: `capture-${ids.session}`,
    data: {
      sessionId: ids.session,
      chunkId: ids.chunk,
      answerId: ids.answer,
      sequence: 7,
      offsetMs: 13_000,
      media: {
        sha256: sha('f'),
        bytes: 32_000,
        contentType: 'audio/pcm',
        sampleRate: 16_000,
        channels: 1,
        samples: 16_000,
      },
    },
  },
  FrameAnalyzed: {
    streamName: `analysis-${ids.session}`,
    data: {
      sessionId: ids.session,
      frameId: ids.frame,
      answerId: ids.answer,
      offsetMs: 13_200,
      faces: [{ box: { x: 0.31, y: 0.18, width: 0.34, height: 0.46 }, score: 0.97 }],
      primaryFace: {
        faceIndex: 0,
        headPose: { yawDeg: -6.5, pitchDeg: 3.1, rollDeg: 1.2 },
        eyeContact: true,
        expression,
        composure: 0.82,
      },
      expressionEnabled: true,
      models,
      timingsMs: { decode: 2.1, detect: 6.4, landmarks: 9.8, expression: 3.3, total: 22.0 },
    },
  },
  AudioAnalyzed: {
    streamName: `analysis-${ids.session}`,
    data: {
      sessionId: ids.session,
      chunkId: ids.chunk,
      answerId: ids.answer,
      offsetMs: 13_000,
      durationMs: 1000,
      speechSegments: [
        { startMs: 0, endMs: 420 },
        { startMs: 780, endMs: 1000 },
      ],
      pauses: [{ startMs: 420, endMs: 780 }],
      speechShare: 0.64,
      loudness: { meanDbfs: -23.5, stdDb: 4.2 },
      pitch: { meanHz: 182, stdHz: 31 },
      monotone: false,
      models: [{ name: 'silero-vad', version: '4.0', sha256: sha('1') }],
      timingsMs: { total: 4.8 },
    },
  },
  AnswerScored: {
    streamName: `analysis-${ids.session}`,
    data: {
      sessionId: ids.session,
      answerId: ids.answer,
      scoreVersion: 1,
      supersedes: null,
      content: 'scored',
      audio: { analysedChunkIds: [ids.chunk], missingChunkIds: [] },
      questionId: ids.question,
      followUpId: null,
      wordCount: 148,
      speakingTimeMs: 58_000,
      relevance: 0.62,
      coverage: { share: 0.5, matchedKeyPointIds: ['listening'], missedKeyPointIds: ['outcome'] },
      similarity: 0.41,
      star: { situation: 0.9, task: 0.7, action: 0.8, result: 0.1 },
      wordsPerMinute: 153.1,
      fillers: { count: 6, perMinute: 6.2, top: [{ word: 'um', count: 4 }] },
      vocalConfidence: 7.1,
      suggestions: [
        {
          code: 'missed-key-point',
          message: 'Say what the outcome was, with a number if you can.',
          feature: 'keyPoint:outcome',
        },
      ],
      models: [{ name: 'poise-answer-scorer', version: '1.0.0', sha256: sha('2') }],
    },
  },
  AnswerScoringFailed: {
    streamName: `analysis-${ids.session}`,
    data: {
      sessionId: ids.session,
      answerId: ids.answer,
      attempt: 1,
      reason: 'inference server answered UNAVAILABLE: connection refused',
      willRetry: true,
    },
  },
  StressAlertRaised: {
    streamName: `analysis-${ids.session}`,
    data: {
      sessionId: ids.session,
      answerId: ids.answer,
      windowStartMs: 20_000,
      windowEndMs: 25_000,
      frameCount: 40,
      negativeShare: 0.58,
      threshold: 0.5,
      dominantExpression: 'fear',
    },
  },
  SessionReportCompiled: {
    streamName: `analysis-${ids.session}`,
    data: {
      sessionId: ids.session,
      candidateId: ids.candidate,
      questionSetId: ids.questionSet,
      durationMs: 600_000,
      supersedes: null,
      summary: {
        composureMean: 0.77,
        eyeContactShare: 0.64,
        expressionDistribution: expression,
        wordsPerMinute: 148,
        fillersPerMinute: 5.5,
        vocalConfidence: 6.8,
        relevance: 0.66,
        stressAlerts: 1,
      },
      answers: [
        {
          answerId: ids.answer,
          questionId: ids.question,
          followUpId: null,
          scoring: 'scored',
          scoreVersion: 1,
          relevance: 0.62,
          vocalConfidence: 7.1,
          wordsPerMinute: 153.1,
        },
      ],
    },
  },
  SessionCommentAdded: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      commentId: ids.comment,
      text: 'Strong situation, but finish with the result.',
      answerId: ids.answer,
      offsetMs: 60_000,
    },
  },
  SessionRubricScored: {
    streamName: `session-${ids.session}`,
    data: {
      sessionId: ids.session,
      rubric: 'Graduate scheme v1',
      scores: [
        { criterion: 'Structure', score: 4 },
        { criterion: 'Evidence of impact', score: 2, note: 'No outcome given' },
      ],
    },
  },
  SessionViewed: {
    streamName: `audit-${tenant}`,
    data: { sessionId: ids.session, candidateId: ids.candidate, view: 'replay' },
  },
  ReportViewed: {
    streamName: `audit-${tenant}`,
    data: { sessionId: ids.session, candidateId: ids.candidate },
  },
  ReportExported: {
    streamName: `audit-${tenant}`,
    data: { sessionId: ids.session, candidateId: ids.candidate, format: 'pdf', bytes: 183_422 },
  },
  AuditTrailExported: {
    streamName: `audit-${tenant}`,
    data: {
      format: 'csv',
      filter: { userId: ids.candidate, from: '2025-01-01T00:00:00Z', to: '2025-03-31T23:59:59Z' },
      eventCount: 212,
    },
  },
  MediaDeleted: {
    streamName: `audit-${tenant}`,
    data: { sessionId: ids.session, reason: 'retention-expired', objectCount: 5400, byteCount: 260_000_000 },
  },
  CaptureCompleted: {
    streamName: `audit-${tenant}`,
    data: {
      sessionId: ids.session,
      candidateId: ids.candidate,
      frames: 1800,
      audioChunks: 600,
      byteCount: 61_000_000,
      firstCapturedAt: '2025-02-03T10:00:02.000Z',
      lastCapturedAt: '2025-02-03T10:10:01.000Z',
    },
  },
  RecordingsErasureRequested: {
    streamName: `audit-${tenant}`,
    data: { candidateId: ids.candidate, scope: { kind: 'all-sessions' }, dueBy: '2025-03-31T00:00:00.000Z' },
  },
  AnalysesCompleted: {
    streamName: `audit-${tenant}`,
    data: {
      sessionId: ids.session,
      candidateId: ids.candidate,
      framesAnalysed: 3000,
      audioChunksAnalysed: 600,
      answersScored: 5,
      answersDeliveryOnly: 1,
      answersNotScored: 0,
      rescores: 1,
      models: [{ name: 'silero_vad', version: '5.1', sha256: sha('1') }],
    },
  },
};

/** Metadata that fits every example: tenant `leeds-careers`, acting staff member, the example session. */
export const exampleMetadata = {
  tenantId: tenant,
  actor: { kind: 'user', id: ids.staff, role: 'staff' },
  correlationId: ids.session,
  causationId: null,
} as const;

export const exampleIds = ids;
