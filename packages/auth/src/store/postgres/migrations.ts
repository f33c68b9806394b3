import type { Migration } from '../migration';

/**
 * Mirrors the SQLite schema. Ids stay `text` rather than `uuid` so both adapters answer an
 * ill-formed id with "not found" instead of one of them raising a cast error.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'users, roles, invitations, sessions, password resets, login throttle',
    sql: `
    CREATE TABLE users (
      id            text        PRIMARY KEY,
      tenant_id     text        NOT NULL,
      email         text        NOT NULL,
      display_name  text        NOT NULL,
      password_hash text        NOT NULL,
      disabled      boolean     NOT NULL DEFAULT false,
      created_at    timestamptz NOT NULL,
      updated_at    timestamptz NOT NULL,
      UNIQUE (tenant_id, email)
    );
    -- Sign-in and password reset may look an email up without a tenant.
    CREATE INDEX users_by_email ON users (email);

    CREATE TABLE user_roles (
      user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      tenant_id  text        NOT NULL,
      role       text        NOT NULL CHECK (role IN ('candidate', 'staff', 'admin', 'platform-admin')),
      granted_at timestamptz NOT NULL,
      granted_by text,
      PRIMARY KEY (user_id, tenant_id, role)
    );

    -- No foreign key to users: the account does not exist until the invitation is accepted.
    CREATE TABLE invitations (
      token_hash  text        PRIMARY KEY,
      tenant_id   text        NOT NULL,
      user_id     text        NOT NULL,
      email       text        NOT NULL,
      role        text        NOT NULL CHECK (role IN ('candidate', 'staff', 'admin', 'platform-admin')),
      cohort_id   text,
      invited_by  text        NOT NULL,
      created_at  timestamptz NOT NULL,
      expires_at  timestamptz NOT NULL,
      accepted_at timestamptz
    );
    CREATE INDEX invitations_by_tenant_email ON invitations (tenant_id, email, created_at);
    CREATE INDEX invitations_by_tenant ON invitations (tenant_id, created_at);

    CREATE TABLE sessions (
      id           text        PRIMARY KEY,
      user_id      text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL,
      expires_at   timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      user_agent   text,
      ip_address   text,
      revoked_at   timestamptz
    );
    CREATE INDEX sessions_by_user ON sessions (user_id);

    CREATE TABLE password_resets (
      token_hash text        PRIMARY KEY,
      user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at    timestamptz
    );
    CREATE INDEX password_resets_by_user ON password_resets (user_id);

    CREATE TABLE login_throttle (
      scope           text        NOT NULL CHECK (scope IN ('account', 'ip')),
      key             text        NOT NULL,
      failures        integer     NOT NULL,
      last_failure_at timestamptz NOT NULL,
      locked_until    timestamptz,
      PRIMARY KEY (scope, key)
    );
    `,
  },
];
