/** One numbered schema change. Never edit one that shipped: add the next number. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Guards against a list edited by hand into gaps or duplicates, which would skip or repeat DDL. */
export function assertNumberedInOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Auth migration at index ${index} is numbered ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
