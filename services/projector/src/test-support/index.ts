/**
 * Test helpers other workspaces may use (the console's loader tests): realistic events through the
 * normal contracts, to be projected with `rebuild` into real read models.
 */
export {
  appendPlanned,
  type PlannedEvent,
  type PlannedSession,
  PracticeScenario,
  type SessionPlan,
  seededRandom,
} from './practice-scenario';
export { memoryLogger } from './test-log';
