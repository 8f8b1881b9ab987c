/**
 * Engine reach (issue 22): hosts reached over SSH and hosts pinned to an API version. After the
 * auth migrations, kept apart only for length; append-only like the rest.
 */
export const HOST_MIGRATIONS: readonly string[] = [
  `
  -- The API version an admin pinned (NULL: negotiate the engine's newest we speak).
  ALTER TABLE hosts ADD COLUMN api_version TEXT;
  -- ssh:// hosts: the private key (PEM or OpenSSH text, write-only like TLS keys), its optional
  -- passphrase, and the server's host key fingerprint an admin gave or accepted ("SHA256:...").
  -- A NULL fingerprint means not yet accepted: the host never connects until it is set.
  ALTER TABLE hosts ADD COLUMN ssh_private_key TEXT;
  ALTER TABLE hosts ADD COLUMN ssh_passphrase TEXT;
  ALTER TABLE hosts ADD COLUMN ssh_host_key TEXT;
  `,
]
