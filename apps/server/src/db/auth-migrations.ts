/**
 * Team sign-in (issue 21): single sign-on, second factors and the sessions a user can see. The
 * migrations after the history ones, kept apart only for length; append-only like the rest.
 */
export const AUTH_MIGRATIONS: readonly string[] = [
  `
  -- Sessions a user can see and end: a public id (never the hashed secret), the browser and the
  -- address that signed in, how (password, passkey, oidc, setup) and with which second factor.
  ALTER TABLE sessions ADD COLUMN public_id TEXT;
  UPDATE sessions SET public_id = lower(hex(randomblob(8)));
  CREATE UNIQUE INDEX sessions_public_id ON sessions(public_id);
  ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
  ALTER TABLE sessions ADD COLUMN second_factor TEXT;

  -- Users who come from the OpenID provider: "<issuer> <sub>", the only stable identity an ID
  -- token carries (usernames and e-mails change). Their password_hash is '' (never matches).
  ALTER TABLE users ADD COLUMN oidc_subject TEXT;
  CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject) WHERE oidc_subject IS NOT NULL;

  -- A password sign-in waiting for its second factor: the browser holds the raw id in a
  -- short-lived cookie, the table its SHA-256, as for sessions. No session exists until the
  -- second factor is given.
  CREATE TABLE sign_in_challenges (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );

  -- Server-wide sign-in rules an admin sets: who may sign in with a password ('everyone', or
  -- 'admins' once single sign-on is configured: a local admin stays as the break-glass account),
  -- and the roles that must have a second factor (JSON array of roles).
  CREATE TABLE auth_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    password_sign_in TEXT NOT NULL DEFAULT 'everyone' CHECK (password_sign_in IN ('everyone', 'admins')),
    second_factor_roles TEXT NOT NULL DEFAULT '[]',
    updated_by TEXT,
    updated_at INTEGER
  );
  INSERT INTO auth_settings (id) VALUES (1);

  -- TOTP: one secret per user (base32), confirmed by a first code; last_step is the last time
  -- step accepted, so each code is used once.
  CREATE TABLE totp_secrets (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at INTEGER,
    last_step INTEGER,
    created_at INTEGER NOT NULL
  );

  -- Recovery codes: ten per user, stored hashed, each usable once.
  CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, code_hash)
  );

  -- Passkeys (WebAuthn credentials): several per user, named.
  CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    public_key BLOB NOT NULL,
    counter INTEGER NOT NULL DEFAULT 0,
    transports TEXT NOT NULL DEFAULT '[]',
    backed_up INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  CREATE INDEX passkeys_user ON passkeys(user_id);
  `,
]
