/**
 * A numbered schema change: DDL only, applied once per database in version order and recorded in
 * `schema_migrations`. Statements take the database name because ClickHouse cannot bind it in DDL
 * (and materialized views must name their source and target tables).
 */
export interface Migration {
  readonly version: number;
  /** kebab-case, as in the file name `NNNN_<name>.ts`. */
  readonly name: string;
  statements(database: string): readonly string[];
}
