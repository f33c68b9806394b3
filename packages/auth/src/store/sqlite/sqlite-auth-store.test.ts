import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../../test-support/temp-dir';
import { describeAuthStoreContract } from '../contract';
import { insertUser } from '../contract/fixtures';
import { SQLITE_MIGRATIONS } from './migrations';
import { createSqliteAuthStore } from './sqlite-auth-store';

const scratch = await createTempDir('poise-auth-sqlite-');
let files = 0;
const freshPath = () => join(scratch.path, `auth-${files++}.sqlite`);

afterAll(async () => {
  await scratch.remove();
});

describeAuthStoreContract('SQLite file', {
  async open() {
    const path = freshPath();
    return { store: createSqliteAuthStore({ path }), reopen: async () => createSqliteAuthStore({ path }) };
  },
});

describe('SQLite auth store on disk', () => {
  it('records each numbered migration once in auth_migrations and runs in WAL mode', async () => {
    const path = freshPath();
    await createSqliteAuthStore({ path }).close();
    await createSqliteAuthStore({ path }).close();

    const db = new Database(path, { readonly: true });
    try {
      const versions = db.prepare('SELECT version, description FROM auth_migrations ORDER BY version').all();
      expect(versions).toEqual(
        SQLITE_MIGRATIONS.map(({ version, description }) => ({ version, description })),
      );
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('lets two stores (as two processes would) share one file', async () => {
    const path = freshPath();
    const first = createSqliteAuthStore({ path });
    const second = createSqliteAuthStore({ path });
    try {
      const user = await insertUser(first);
      expect(await second.getUser(user.id)).toEqual(user);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
