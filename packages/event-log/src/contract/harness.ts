import type { EventLog } from '../port';

/** How the contract suite gets logs from an adapter. */
export interface EventLogHarness {
  /** A log to test against; it may already hold data (a shared server). */
  create(): Promise<EventLog>;
  /** Closes `log` and opens the same storage again, as after a restart. */
  reopen(log: EventLog): Promise<EventLog>;
  dispose(log: EventLog): Promise<void>;
}

/** What each part of the suite needs; `log()` changes when a test reopens it. */
export interface ContractContext {
  readonly harness: EventLogHarness;
  log(): EventLog;
  reopen(): Promise<EventLog>;
}
