import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeAuthStoreContract } from '../contract';
import { insertUser } from '../contract/fixtures';
import { POSTGRES_MIGRATIONS } from './migrations';
import { createPostgresAuthStore } from './postgres-auth-store';

const postgres = inject('postgres');
const url = postgres.url;
/** Every store gets its own schema, so tests never see each other's rows in the shared database. */
const schemas: string[] = [];
const freshSchema = () => {
  const schema = `auth_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  schemas.push(schema);
  return schema;
};

afterAll(async () => {
  if (url === null || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

if (url === null) {
  describe.skip(`AuthStore contract: PostgreSQL — SKIPPED: ${postgres.skipReason}`, () => {
    it('needs a PostgreSQL server', () => {});
  });
} else {
  describeAuthStoreContract(`PostgreSQL (${postgres.source})`, {
    async open() {
      const options = { connectionString: url, schema: freshSchema(), poolSize: 4 };
      return {
        store: await createPostgresAuthStore(options),
        reopen: () => createPostgresAuthStore(options),
      };
    },
  });

  describe('PostgreSQL auth store', () => {
    it('records each numbered migration once in auth_migrations, even when two processes start at once', async () => {
      const options = { connectionString: url, schema: freshSchema(), poolSize: 2 };
      const stores = await Promise.all([createPostgresAuthStore(options), createPostgresAuthStore(options)]);
      await Promise.all(stores.map((store) => store.close()));
      await (await createPostgresAuthStore(options)).close();

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT version, description FROM "${options.schema}".auth_migrations ORDER BY version`,
        );
        expect(rows).toEqual(
          POSTGRES_MIGRATIONS.map(({ version, description }) => ({ version, description })),
        );
      } finally {
        await client.end();
      }
    });

    it('keeps tenants of different schemas apart', async () => {
      const first = await createPostgresAuthStore({ connectionString: url, schema: freshSchema() });
      const second = await createPostgresAuthStore({ connectionString: url, schema: freshSchema() });
      try {
        const user = await insertUser(first);
        expect(await second.getUser(user.id)).toBeNull();
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it('refuses a schema name that would need quoting', async () => {
      await expect(createPostgresAuthStore({ connectionString: url, schema: 'Auth; DROP' })).rejects.toThrow(
        /lowercase letters, digits and underscores/,
      );
    });
  });
}
