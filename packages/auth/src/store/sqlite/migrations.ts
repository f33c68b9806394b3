import type { Migration } from '../migration';

/**
 * Times are integer milliseconds since the epoch (UTC). Emails are stored normalised by the caller,
 * so plain equality is the lookup. Roles and throttle scopes are CHECKed so a typo cannot persist.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'users, roles, invitations, sessions, password resets, login throttle',
    sql: `
    CREATE TABLE users (
      id            TEXT    PRIMARY KEY,
      tenant_id     TEXT    NOT NULL,
      email         TEXT    NOT NULL,
      display_name  TEXT    NOT NULL,
      password_hash TEXT    NOT NULL,
      disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      UNIQUE (tenant_id, email)
    );
    -- Sign-in and password reset may look an email up without a tenant.
    CREATE INDEX users_by_email ON users (email);

    CREATE TABLE user_roles (
      user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      tenant_id  TEXT    NOT NULL,
      role       TEXT    NOT NULL CHECK (role IN ('candidate', 'staff', 'admin', 'platform-admin')),
      granted_at INTEGER NOT NULL,
      granted_by TEXT,
      PRIMARY KEY (user_id, tenant_id, role)
    ) WITHOUT ROWID;

    -- No foreign key to users: the account does not exist until the invitation is accepted.
    CREATE TABLE invitations (
      token_hash  TEXT    PRIMARY KEY,
      tenant_id   TEXT    NOT NULL,
      user_id     TEXT    NOT NULL,
      email       TEXT    NOT NULL,
      role        TEXT    NOT NULL CHECK (role IN ('candidate', 'staff', 'admin', 'platform-admin')),
      cohort_id   TEXT,
      invited_by  TEXT    NOT NULL,
      created_at  INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL,
      accepted_at INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX invitations_by_tenant_email ON invitations (tenant_id, email, created_at);
    CREATE INDEX invitations_by_tenant ON invitations (tenant_id, created_at);

    CREATE TABLE sessions (
      id           TEXT    PRIMARY KEY,
      user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at   INTEGER NOT NULL,
      expires_at   INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      user_agent   TEXT,
      ip_address   TEXT,
      revoked_at   INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX sessions_by_user ON sessions (user_id);

    CREATE TABLE password_resets (
      token_hash TEXT    PRIMARY KEY,
      user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at    INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX password_resets_by_user ON password_resets (user_id);

    CREATE TABLE login_throttle (
      scope           TEXT    NOT NULL CHECK (scope IN ('account', 'ip')),
      key             TEXT    NOT NULL,
      failures        INTEGER NOT NULL,
      last_failure_at INTEGER NOT NULL,
      locked_until    INTEGER,
      PRIMARY KEY (scope, key)
    ) WITHOUT ROWID;
    `,
  },
];
