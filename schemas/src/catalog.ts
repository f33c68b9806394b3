/** The Poise event catalogue: every event type, and the TypeScript types derived from it. */
import type { z } from 'zod';
import type { EventContract } from './contract';
import {
  answerScored,
  answerScoringFailed,
  audioAnalyzed,
  frameAnalyzed,
  sessionReportCompiled,
  stressAlertRaised,
} from './events/analyses';
import {
  analysesCompleted,
  auditTrailExported,
  captureCompleted,
  mediaDeleted,
  recordingsErasureRequested,
  reportExported,
  reportViewed,
  sessionViewed,
} from './events/audit';
import { audioChunkCaptured, frameCaptured } from './events/capture';
import { candidateAddedToCohort, candidateRemovedFromCohort, cohortCreated } from './events/cohorts';
import { questionAdded, questionRemoved, questionSetCreated, questionUpdated } from './events/question-sets';
import { sessionCommentAdded, sessionRubricScored } from './events/review';
import {
  answerEnded,
  answerStarted,
  consentGiven,
  consentRefused,
  followUpAsked,
  questionAsked,
  sessionAbandoned,
  sessionEnded,
  sessionStarted,
  transcriptSegmentRecorded,
} from './events/sessions';
import {
  expressionAnalysisPolicySet,
  retentionPolicySet,
  tenantCreated,
  tenantRenamed,
} from './events/tenants';
import {
  anonymousRequestsThrottled,
  invitationRevoked,
  passwordChanged,
  passwordResetRequested,
  userDisabled,
  userEnabled,
  userErased,
  userErasureRequested,
  userInvited,
  userRegistered,
  userRoleGranted,
  userRoleRevoked,
  userSignedIn,
  userSignedOut,
  userSignInFailed,
} from './events/users';
import type { EventMetadata } from './metadata';

type CatalogOf<Contracts extends readonly EventContract[]> = {
  readonly [Contract in Contracts[number] as Contract['type']]: Contract;
};

function catalogOf<const Contracts extends readonly EventContract[]>(
  contracts: Contracts,
): CatalogOf<Contracts> {
  const catalog: Record<string, EventContract> = {};
  for (const contract of contracts) {
    if (Object.hasOwn(catalog, contract.type))
      throw new Error(`Event type ${contract.type} is defined twice`);
    catalog[contract.type] = contract;
  }
  return catalog as CatalogOf<Contracts>;
}

export const eventCatalog = catalogOf([
  tenantCreated,
  tenantRenamed,
  retentionPolicySet,
  expressionAnalysisPolicySet,
  userInvited,
  invitationRevoked,
  userRegistered,
  userRoleGranted,
  userRoleRevoked,
  userSignedIn,
  userSignInFailed,
  anonymousRequestsThrottled,
  userSignedOut,
  userDisabled,
  userEnabled,
  passwordChanged,
  passwordResetRequested,
  userErasureRequested,
  userErased,
  cohortCreated,
  candidateAddedToCohort,
  candidateRemovedFromCohort,
  questionSetCreated,
  questionAdded,
  questionUpdated,
  questionRemoved,
  sessionStarted,
  consentGiven,
  consentRefused,
  questionAsked,
  answerStarted,
  transcriptSegmentRecorded,
  answerEnded,
  followUpAsked,
  sessionEnded,
  sessionAbandoned,
  frameCaptured,
  audioChunkCaptured,
  frameAnalyzed,
  audioAnalyzed,
  answerScored,
  answerScoringFailed,
  stressAlertRaised,
  sessionReportCompiled,
  sessionCommentAdded,
  sessionRubricScored,
  sessionViewed,
  reportViewed,
  reportExported,
  auditTrailExported,
  captureCompleted,
  mediaDeleted,
  recordingsErasureRequested,
  analysesCompleted,
]);

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventData<Type extends EventType> = z.infer<EventCatalog[Type]['data']>;

export const eventTypes = Object.keys(eventCatalog) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

/** The contract of `type` without its precise types, for code that handles any event. */
export function contractOf(type: EventType): EventContract {
  return eventCatalog[type];
}

export interface PoiseEventOf<Type extends EventType> {
  readonly id: string;
  readonly type: Type;
  readonly data: EventData<Type>;
  readonly metadata: EventMetadata;
}

/** Any Poise event, narrowed by `type`. */
export type PoiseEvent = { [Type in EventType]: PoiseEventOf<Type> }[EventType];

/** A Poise event as the log returns it (after upcasting), narrowed by `type`. */
export type RecordedPoiseEvent = PoiseEvent & {
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly recordedAt: Date;
};
