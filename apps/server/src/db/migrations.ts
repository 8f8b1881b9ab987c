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
  `
  -- Stacks (issue 17): compose projects whose file the server keeps, per host.
  CREATE TABLE stacks (
    host_id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Labels every object of the stack carries (JSON object); a scoped creator's scope is one.
    labels TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_by_id TEXT,
    PRIMARY KEY (host_id, name)
  );

  -- Every saved version of a stack's files. Immutable: a save adds a row, never changes one.
  CREATE TABLE stack_versions (
    host_id TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    compose TEXT NOT NULL,
    env TEXT NOT NULL,
    comment TEXT,
    saved_at INTEGER NOT NULL,
    saved_by TEXT NOT NULL,
    saved_by_id TEXT,
    PRIMARY KEY (host_id, name, version),
    FOREIGN KEY (host_id, name) REFERENCES stacks(host_id, name) ON DELETE CASCADE
  );
  CREATE TRIGGER stack_versions_immutable BEFORE UPDATE ON stack_versions
  BEGIN
    SELECT RAISE(ABORT, 'stack versions are immutable');
  END;

  -- Deploys of a version (written by the planner: up, redeploy, rollback).
  CREATE TABLE stack_deploys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    host_id TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    deployed_at INTEGER NOT NULL,
    deployed_by TEXT NOT NULL,
    deployed_by_id TEXT,
    FOREIGN KEY (host_id, name, version)
      REFERENCES stack_versions(host_id, name, version) ON DELETE CASCADE
  );
  CREATE INDEX stack_deploys_stack ON stack_deploys(host_id, name, id);
  `,
  `
  -- Stacks on a swarm (issue 18): how a stack deploys, as compose containers or swarm services.
  ALTER TABLE stacks ADD COLUMN target TEXT NOT NULL DEFAULT 'compose'
    CHECK (target IN ('compose', 'swarm'));
  `,
  `
  -- Image updates (issue 19): the last check of each image reference in use, per host.
  CREATE TABLE image_update_checks (
    host_id TEXT NOT NULL,
    image TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('update-available', 'up-to-date', 'unknown', 'error')),
    reason TEXT,
    current_digest TEXT,
    new_digest TEXT,
    -- Containers using the image at the check (JSON array of ids).
    container_ids TEXT NOT NULL DEFAULT '[]',
    checked_at INTEGER NOT NULL,
    -- When the registry's digest was first seen to differ (kept while it stays the same).
    found_at INTEGER,
    PRIMARY KEY (host_id, image)
  );
  -- When each host was last checked, so a restart does not check again at once.
  CREATE TABLE image_update_runs (
    host_id TEXT PRIMARY KEY,
    checked_at INTEGER NOT NULL
  );
  -- Credentials the checker sends to a registry, per host (admins set them; never read back).
  CREATE TABLE registry_credentials (
    host_id TEXT NOT NULL,
    registry TEXT NOT NULL,
    username TEXT NOT NULL,
    password TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (host_id, registry)
  );
  `,
]
