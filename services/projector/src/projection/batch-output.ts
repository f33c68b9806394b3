import type { ErasedPerson, ProjectedTable, TableRows } from '@poise/read-models';

/** Rows to delete after the batch's inserts: what an erasure or a media deletion removed. */
export type Deletion =
  | ({ readonly kind: 'erased-person' } & ErasedPerson)
  | { readonly kind: 'session-media'; readonly tenantId: string; readonly sessionId: string };

/** What projecting a batch produces: rows per table, and deletions. */
export class BatchOutput {
  private readonly rows = new Map<ProjectedTable, unknown[]>();
  readonly deletions: Deletion[] = [];

  add<Table extends ProjectedTable>(table: Table, row: TableRows[Table]): void {
    const rows = this.rows.get(table);
    if (rows === undefined) this.rows.set(table, [row]);
    else rows.push(row);
  }

  addAll<Table extends ProjectedTable>(table: Table, rows: readonly TableRows[Table][]): void {
    for (const row of rows) this.add(table, row);
  }

  rowsOf<Table extends ProjectedTable>(table: Table): readonly TableRows[Table][] {
    return (this.rows.get(table) ?? []) as TableRows[Table][];
  }

  get rowCount(): number {
    let total = 0;
    for (const rows of this.rows.values()) total += rows.length;
    return total;
  }
}
