export type { EventContracts } from './contracts';
export * from './errors';
export { createEsdbEventLog, type EsdbEventLogOptions } from './esdb/esdb-event-log';
export type * from './port';
export {
  createSqliteEventLog,
  type SqliteEventLog,
  type SqliteEventLogOptions,
} from './sqlite/sqlite-event-log';
export { withContracts } from './with-contracts';
