/**
 * The schema, as an append-only list: never edit a migration that has shipped, add one.
 * Times are Unix milliseconds.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    disabled INTEGER NOT NULL DEFAULT 0,
    -- Bumped on every password, role or status change: sessions and sockets carry the value they
    -- started with and end when it no longer matches.
    credential_version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE host_grants (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    host_id TEXT NOT NULL,
    -- 'none' hides the host; otherwise the user's role on it, never above their global role.
    role TEXT NOT NULL CHECK (role IN ('none', 'viewer', 'operator', 'admin')),
    -- Optional label selector ("key" or "key=value") narrowing which objects the user sees.
    label_scope TEXT,
    PRIMARY KEY (user_id, host_id)
  );

  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);

  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  );

  CREATE TABLE hosts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    tls_ca TEXT,
    tls_cert TEXT,
    tls_key TEXT,
    tls_verify INTEGER NOT NULL DEFAULT 1,
    -- Host path prefixes operators may bind-mount on this host (JSON array).
    allowed_bind_prefixes TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    host_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    parameters TEXT,
    status INTEGER NOT NULL,
    error TEXT,
    address TEXT
  );
  CREATE INDEX audit_log_at ON audit_log(at);
  CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
  CREATE INDEX audit_log_action ON audit_log(action, at);
  `,
  `
  -- Environment key patterns whose values only admins see on this host (JSON array). NULL: the
  -- default list of the running version, so hosts nobody customised follow a better default.
  ALTER TABLE hosts ADD COLUMN secret_env_patterns TEXT;
  `,
]
