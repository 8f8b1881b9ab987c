import {
  LIVE_CLOSE,
  type Host,
  type HostStatus,
  hostCreateSchema,
  hostParamsSchema,
  hostUpdateSchema,
  sshHostKeyAcceptSchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import {
  type Principal,
  authorize,
  requireAction,
  requirePrincipal,
  roleShownOn,
} from '../policy/index.ts'
import type { HostRegistry } from './host-registry.ts'
import { HostStore, type StoredHost, secretEnvPatternsOf } from './host-store.ts'
import { judgeAcceptance, sshHostKeyProblem } from './ssh-host-key.ts'

/** How long accepting a host key waits for the SSH server: a handshake plus a docker CLI start. */
const ACCEPT_CONNECT_TIMEOUT_MS = 20_000

/** `/api/hosts`: every user sees the hosts they may see; admins add, edit and remove them. */
export const hostRoutes = new Hono<AppEnv>()
  .get('/', requireAction('host.view'), async (c) => {
    const principal = requirePrincipal(c)
    const visible = new HostStore(c.var.db)
      .list()
      .filter((h) => authorize(principal, 'host.view', h.id).allowed)
    const hosts = await Promise.all(visible.map((h) => toHost(h, principal, c.var.hosts)))
    return c.json<Host[]>(hosts, 200)
  })
  .get('/:hostId', requireAction('host.view'), validate('param', hostParamsSchema), async (c) => {
    const { hostId } = c.req.valid('param')
    const stored = new HostStore(c.var.db).get(hostId)
    if (!stored) throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
    return c.json<Host>(await toHost(stored, requirePrincipal(c), c.var.hosts), 200)
  })
  .post(
    '/',
    audited('host.create', (c) => c.var.auditDetails?.target),
    requireAction('hosts.manage'),
    validate('json', hostCreateSchema),
    async (c) => {
      const input = c.req.valid('json')
      c.set('auditDetails', {
        target: input.id,
        parameters: {
          name: input.name,
          address: input.address,
          apiVersion: input.apiVersion,
          ...patternsParameter(input.secretEnvPatterns),
        },
      })
      const store = new HostStore(c.var.db)
      if (!store.create(input))
        throw new ApiError(409, 'conflict', `A host with id "${input.id}" exists`)
      const stored = store.get(input.id)
      if (!stored) throw new ApiError(500, 'internal', 'The host was not stored')
      c.var.hosts.addStored(stored)
      return c.json<Host>(await toHost(stored, requirePrincipal(c), c.var.hosts), 201)
    },
  )
  .patch(
    '/:hostId',
    audited('host.update', (c) => c.req.param('hostId')),
    requireAction('hosts.manage'),
    validate('param', hostParamsSchema),
    validate('json', hostUpdateSchema),
    async (c) => {
      const { hostId } = c.req.valid('param')
      const input = c.req.valid('json')
      c.set('auditDetails', {
        parameters: {
          name: input.name,
          address: input.address,
          apiVersion: input.apiVersion,
          ...patternsParameter(input.secretEnvPatterns),
        },
      })
      const stored = new HostStore(c.var.db).update(hostId, input)
      if (!stored) throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
      // A new address or TLS material means a new engine client: the host's streams ended with
      // the old one, so its sockets are told to reconnect. A rename keeps them going.
      if (c.var.hosts.applyStored(stored))
        c.var.live.closeForHost(hostId, LIVE_CLOSE.ended, 'host settings changed')
      return c.json<Host>(await toHost(stored, requirePrincipal(c), c.var.hosts), 200)
    },
  )
  .post(
    '/:hostId/ssh-host-key',
    audited('host.ssh-host-key.accept', (c) => c.req.param('hostId')),
    requireAction('hosts.manage'),
    validate('param', hostParamsSchema),
    validate('json', sshHostKeyAcceptSchema),
    async (c) => {
      const { hostId } = c.req.valid('param')
      const { fingerprint, replacePinned } = c.req.valid('json')
      c.set('auditDetails', { parameters: { fingerprint, replacePinned } })
      const store = new HostStore(c.var.db)
      const stored = store.get(hostId)
      const registered = c.var.hosts.get(hostId)
      if (!stored || !registered) throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
      if (!stored.address.startsWith('ssh://'))
        throw new ApiError(400, 'invalid_request', `Host ${hostId} is not reached over SSH`)
      // Ask the server now: only the key it offers at this moment is ever pinned.
      const failure = await registered.engine
        .connect({ fresh: true, timeoutMs: ACCEPT_CONNECT_TIMEOUT_MS })
        .then(
          () => undefined,
          (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
        )
      const problem = sshHostKeyProblem(failure).sshHostKey
      // Not even the key was seen (refused, unreachable): nothing to accept.
      if (failure && !problem && stored.ssh?.hostKey === undefined)
        throw new ApiError(502, 'engine_unreachable', failure.message)
      const verdict = judgeAcceptance(problem, fingerprint, replacePinned)
      if ('refuse' in verdict) throw new ApiError(409, 'conflict', verdict.refuse)
      const pinned = store.pinHostKey(hostId, verdict.pin)
      if (!pinned) throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
      if (c.var.hosts.applyStored(pinned))
        c.var.live.closeForHost(hostId, LIVE_CLOSE.ended, 'host key accepted')
      // A new SSH handshake and `docker system dial-stdio` on a busy host can outlast the
      // cached probe's 5 s; the admin's answer should say whether the key just accepted works.
      await c.var.hosts.status(hostId, { timeoutMs: ACCEPT_CONNECT_TIMEOUT_MS })
      return c.json<Host>(await toHost(pinned, requirePrincipal(c), c.var.hosts), 200)
    },
  )
  .delete(
    '/:hostId',
    audited('host.remove', (c) => c.req.param('hostId')),
    requireAction('hosts.manage'),
    validate('param', hostParamsSchema),
    (c) => {
      const { hostId } = c.req.valid('param')
      if (!new HostStore(c.var.db).remove(hostId)) {
        throw new ApiError(404, 'not_found', `No such host: ${hostId}`)
      }
      c.var.hosts.remove(hostId)
      c.var.live.closeForHost(hostId, LIVE_CLOSE.gone, 'host removed')
      return c.body(null, 204)
    },
  )

async function toHost(
  stored: StoredHost,
  principal: Principal,
  hosts: HostRegistry,
): Promise<Host> {
  const status: HostStatus = (await hosts.status(stored.id)) ?? {
    id: stored.id,
    name: stored.name,
    address: stored.address,
    reachable: false,
    error: 'not connected',
  }
  return {
    ...status,
    ...(stored.tls
      ? { tls: { verify: stored.tls.verify, hasClientCertificate: stored.tls.cert !== undefined } }
      : {}),
    ...(stored.address.startsWith('ssh://') ? { ssh: sshShownOf(stored) } : {}),
    allowedBindPrefixes: stored.allowedBindPrefixes,
    secretEnvPatterns: [...secretEnvPatternsOf(stored)],
    ...(stored.apiVersion === undefined ? {} : { pinnedApiVersion: stored.apiVersion }),
    role: roleShownOn(principal, stored.id),
  }
}

/** What a listed ssh:// host shows of its SSH settings: whether secrets are set, never them. */
function sshShownOf(stored: StoredHost): NonNullable<Host['ssh']> {
  const { privateKey, passphrase, hostKey } = stored.ssh ?? {}
  return {
    hasPrivateKey: privateKey !== undefined,
    hasPassphrase: passphrase !== undefined,
    ...(hostKey === undefined ? {} : { hostKeyFingerprint: hostKey }),
  }
}

/**
 * The secret patterns as an audit parameter. Named without "secret", "key" or "env": the audit
 * redaction hides the value of any parameter so named, and these patterns are no secret.
 */
function patternsParameter(patterns: readonly string[] | undefined) {
  return patterns === undefined ? {} : { maskedVariablePatterns: patterns }
}
