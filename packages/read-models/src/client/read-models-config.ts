/** Where the read models live: embedded chDB (a data directory) or a ClickHouse server. */
export type ReadModelsConfig =
  | { readonly kind: 'chdb'; readonly path: string; readonly database: string }
  | {
      readonly kind: 'clickhouse';
      readonly url: string;
      readonly user: string;
      readonly password: string;
      readonly database: string;
    };

/**
 * Database names end up in DDL, where ClickHouse cannot bind parameters, so they are restricted to
 * plain identifiers that never need quoting. A rebuild works in `<name>_rebuild`, so names used
 * with rebuilds stay within 55 characters.
 */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertDatabaseName(database: string): void {
  if (!DATABASE_NAME.test(database)) {
    throw new Error(
      `Read-model database name ${JSON.stringify(database)} must be 1–63 lowercase letters, digits or underscores, not starting with a digit`,
    );
  }
}
