/**
 * Test and benchmark kits for every workspace: a dev dependency only, never imported by production
 * code. Port-specific kits build on the ports' public entries, which are peer dependencies here.
 */

export { type GivenEvent, specification } from './decider-specification';
export { type EventExamples, eventExamples, exampleIds, exampleMetadata } from './event-examples';
export { eventually, type PollOptions, pollUntil } from './eventually';
export { freePort } from './free-port';
export { waitForPosition } from './log-position';
export { type LoggedLine, memoryLogger } from './memory-logger';
export { percentile } from './percentile';
export {
  appendPlanned,
  type PlannedEvent,
  type PlannedSession,
  PracticeScenario,
  type SessionPlan,
} from './practice-scenario';
export { seededRandom, uniformSamples } from './random';
export { openTestReadModels, type TestReadModels, testReadModelsConfig } from './read-models';
export { type LoopbackSmtp, type ReceivedMail, startLoopbackSmtp } from './smtp-server';
