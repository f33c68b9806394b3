import type { Pool, PoolClient } from 'pg';

/**
 * Runs `body` between BEGIN and COMMIT on one pooled connection, rolling back on any error. A
 * connection whose ROLLBACK failed is broken, so it is destroyed rather than returned to the pool.
 */
export async function inTransaction<T>(pool: Pool, body: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
