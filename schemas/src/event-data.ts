/**
 * Named data types for the event types code handles by name (`FrameCapturedData` = `EventData<'FrameCaptured'>`);
 * any other type is `EventData<'Type'>`. Aliases nobody uses are not kept.
 */
import type { EventData } from './catalog';

export type FrameAnalyzedData = EventData<'FrameAnalyzed'>;
export type AudioAnalyzedData = EventData<'AudioAnalyzed'>;
export type AnswerScoredData = EventData<'AnswerScored'>;
export type AnswerScoringFailedData = EventData<'AnswerScoringFailed'>;
export type StressAlertRaisedData = EventData<'StressAlertRaised'>;
export type SessionReportCompiledData = EventData<'SessionReportCompiled'>;
export type FrameCapturedData = EventData<'FrameCaptured'>;
export type AudioChunkCapturedData = EventData<'AudioChunkCaptured'>;
export type QuestionSetCreatedData = EventData<'QuestionSetCreated'>;
export type QuestionAddedData = EventData<'QuestionAdded'>;
export type QuestionUpdatedData = EventData<'QuestionUpdated'>;
export type QuestionRemovedData = EventData<'QuestionRemoved'>;
export type SessionStartedData = EventData<'SessionStarted'>;
export type QuestionAskedData = EventData<'QuestionAsked'>;
export type FollowUpAskedData = EventData<'FollowUpAsked'>;
export type AnswerStartedData = EventData<'AnswerStarted'>;
export type TranscriptSegmentRecordedData = EventData<'TranscriptSegmentRecorded'>;
export type AnswerEndedData = EventData<'AnswerEnded'>;
