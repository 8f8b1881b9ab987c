import { AUTH_MIGRATIONS } from './auth-migrations.ts'
import { HISTORY_MIGRATIONS } from './history-migrations.ts'
import { HOST_MIGRATIONS } from './host-migrations.ts'

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
  -- Alert rules and alerts (issue 19, watch-rules).
  CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- The kind's parameters and the scope (JSON objects, checked by the contract's schemas).
    params TEXT NOT NULL DEFAULT '{}',
    scope TEXT NOT NULL DEFAULT '{"type":"all"}',
    channel_ids TEXT NOT NULL DEFAULT '[]',
    enabled INTEGER NOT NULL DEFAULT 1,
    dedup_minutes INTEGER NOT NULL DEFAULT 15,
    recovery INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- The defaults of a new install: on, to the in-app list only until channels are added.
  INSERT INTO alert_rules (id, name, kind, params, created_at, updated_at) VALUES
    ('default-exit', 'Container exited with an error', 'container.exit', '{}',
      CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    ('default-oom', 'Container killed: out of memory', 'container.oom', '{}',
      CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    ('default-unhealthy', 'Container unhealthy', 'container.unhealthy', '{}',
      CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    ('default-host-down', 'Host unreachable', 'host.down', '{"afterSeconds":60}',
      CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));

  -- One row per firing; its resolution updates the row. Pruned after the audit retention.
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    rule_id TEXT NOT NULL,
    host_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('firing', 'resolved')),
    -- The notice as last sent (JSON), and the subject's labels a viewer's label scope is matched on.
    notice TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '{}',
    at INTEGER NOT NULL,
    resolved_at INTEGER
  );
  CREATE INDEX alerts_at ON alerts(at);
  CREATE INDEX alerts_host ON alerts(host_id, at);

  -- Which alerts each user has read (the bell's unread count is the rest).
  CREATE TABLE alert_reads (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, alert_id)
  );
  `,
  `
  -- Alert channels and their deliveries (issue 19, channels). Secrets (URLs with tokens, HMAC
  -- secrets, SMTP passwords) live in the secrets column (JSON) and are never sent back out.
  CREATE TABLE alert_channels (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('webhook', 'ntfy', 'slack', 'discord', 'email')),
    enabled INTEGER NOT NULL DEFAULT 1,
    settings TEXT NOT NULL,
    secrets TEXT NOT NULL,
    quiet_hours TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  -- The delivery queue and log in one: a row is queued (pending/held) until it is sent, failed
  -- or dropped; finished rows are trimmed to the newest few hundred per channel.
  CREATE TABLE alert_deliveries (
    id TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
    notice TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'held', 'sent', 'failed', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX alert_deliveries_due ON alert_deliveries(status, next_attempt_at);
  CREATE INDEX alert_deliveries_channel ON alert_deliveries(channel_id, created_at);
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
  `
  -- Automatic image updates (issue 19): the stacks whose containers are updated in the
  -- maintenance window (a row: on), set by an operator of the stack.
  CREATE TABLE stack_auto_updates (
    host_id TEXT NOT NULL,
    name TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    PRIMARY KEY (host_id, name),
    FOREIGN KEY (host_id, name) REFERENCES stacks(host_id, name) ON DELETE CASCADE
  );
  -- Opt-in updates nobody hears of are a trap: each one is reported, to the in-app list until
  -- channels are added, as the other defaults.
  INSERT OR IGNORE INTO alert_rules (id, name, kind, params, created_at, updated_at) VALUES
    ('default-image-updated', 'Image updated automatically', 'image.updated', '{}',
      CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));
  -- When the new digest's image was created, as its config says (not asked of Docker Hub).
  ALTER TABLE image_update_checks ADD COLUMN new_created_at INTEGER;
  `,
  `
  -- Swarm services whose spec names the image (JSON array of ids), checked on a manager.
  ALTER TABLE image_update_checks ADD COLUMN service_ids TEXT NOT NULL DEFAULT '[]';
  `,
  ...HISTORY_MIGRATIONS,
  ...AUTH_MIGRATIONS,
  ...HOST_MIGRATIONS,
]
