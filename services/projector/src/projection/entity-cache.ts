import { queryRows, type ReadModels, type TableName } from '@poise/read-models';

/**
 * The latest state of one kind of entity (sessions, users, …), as the projector evolves it: read
 * from ClickHouse the first time a batch needs an entity, then kept in memory. Entities changed by
 * a batch are marked dirty, and the batch writes their final state once, versioned with the
 * position of the last event applied.
 */
export class EntityCache<Row extends { version: string }> {
  /** null: looked up and not found, so a batch does not ask again. */
  private readonly rows = new Map<string, Row | null>();
  private readonly dirty = new Set<string>();

  constructor(
    readonly table: TableName,
    private readonly keyColumn: string,
    private readonly keyType: 'UUID' | 'String',
    private readonly capacity: number,
  ) {}

  /** Loads the entities of `keys` not in memory yet (latest version of each). */
  async load(readModels: ReadModels, keys: Iterable<string>): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.rows.has(key));
    if (missing.length === 0) return;
    const found = await queryRows<Row & Record<string, unknown>>(
      readModels,
      `SELECT * FROM {db:Identifier}.{table:Identifier} FINAL
WHERE {keyColumn:Identifier} IN {keys:Array(${this.keyType})}`,
      { table: this.table, keyColumn: this.keyColumn, keys: missing },
    );
    for (const key of missing) this.rows.set(key, null);
    for (const row of found) this.rows.set(row[this.keyColumn] as string, row);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key) ?? undefined;
  }

  /**
   * Whether the stored state already includes the event at `position`. It does after a crash that
   * wrote this entity's row but not the batch's checkpoint: the batch is projected again, and
   * skipping what the row already holds keeps the state exactly what one pass would have made.
   */
  includes(key: string, position: bigint): boolean {
    const row = this.rows.get(key);
    return row != null && BigInt(row.version) >= position;
  }

  set(key: string, row: Row): void {
    this.rows.set(key, row);
    this.dirty.add(key);
  }

  forget(key: string): void {
    this.rows.delete(key);
    this.dirty.delete(key);
  }

  /** The final state of every entity changed since the last call. */
  takeDirty(): Row[] {
    const rows = [...this.dirty].map((key) => this.rows.get(key)).filter((row): row is Row => row != null);
    this.dirty.clear();
    return rows;
  }

  /** Keeps memory bounded between batches; forgotten entities are read again when needed. */
  trim(): void {
    if (this.rows.size <= this.capacity) return;
    const excess = this.rows.size - Math.floor(this.capacity * 0.8);
    let removed = 0;
    for (const key of this.rows.keys()) {
      if (removed >= excess) break;
      if (this.dirty.has(key)) continue;
      this.rows.delete(key);
      removed += 1;
    }
  }

  clear(): void {
    this.rows.clear();
    this.dirty.clear();
  }
}
