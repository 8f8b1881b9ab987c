import type { EventsServerMessage, Host, StatsServerMessage } from '@harbormaster/contract'
import { type TestSshd, startSshd, testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { commandParam, openLive } from '../../test/live-client.ts'

/**
 * ssh:// hosts end to end: the server reaches the shared test engine through Debian's sshd in
 * that engine's namespace (`docker system dial-stdio` on the "remote"), as the docker CLI would.
 */
describe('a host reached over SSH', () => {
  const h = startHarness()
  let sshd: TestSshd
  beforeAll(async () => {
    const info = testEngine()
    expect(info.netns, 'SSH tests need the private test engine').toBeDefined()
    const listenAddress = new URL(info.tls!.dockerHost.replace('tcp:', 'http:')).hostname
    sshd = await startSshd({ netns: info.netns!, listenAddress, dockerHost: info.dockerHost })
  })
  afterAll(() => sshd.stop())

  it('shows the host key offered at the first connection, and connects once an admin accepts it', async () => {
    const admin = await h.as('admin')
    const added = await admin.post('/api/hosts', {
      id: 'ssh-new',
      name: 'Over SSH',
      address: sshd.address,
      ssh: { privateKey: sshd.ed25519.privateKey },
    })
    const text = await added.clone().text()
    expect(added.status, text).toBe(201)
    expect(text).not.toContain('PRIVATE KEY')
    const offered = sshd.hostKeyFingerprint
    expect((await added.json()) as Host).toMatchObject({
      reachable: false,
      ssh: { hasPrivateKey: true, hasPassphrase: false },
      sshHostKey: { state: 'unknown', offered },
    })
    const accept = (fingerprint: string) =>
      admin.post('/api/hosts/ssh-new/ssh-host-key', { fingerprint })

    const operator = await h.as('operator')
    expect(
      (await operator.post('/api/hosts/ssh-new/ssh-host-key', { fingerprint: offered })).status,
    ).toBe(403)
    await expectApiError(await accept(`SHA256:${'Z'.repeat(43)}`), 409, 'conflict')
    const accepted = await accept(offered)

    expect(accepted.status, await accepted.clone().text()).toBe(200)
    expect((await accepted.json()) as Host).toMatchObject({
      reachable: true,
      ssh: { hostKeyFingerprint: offered },
    })
    expect((await admin.get('/api/hosts/ssh-new/containers')).status).toBe(200)
    const audit = (await (await admin.get('/api/audit')).json()) as {
      entries: { action: string; target?: string }[]
    }
    expect(audit.entries).toContainEqual(
      expect.objectContaining({ action: 'host.ssh-host-key.accept', target: 'ssh-new' }),
    )
    expect(JSON.stringify(audit)).not.toContain('PRIVATE KEY')
  })

  it('runs the main journeys over it: run, list, events, logs, exec with echo, stats', async () => {
    const admin = await h.as('admin')
    const created = await admin.post('/api/hosts', {
      id: 'ssh-rsa',
      name: 'Over SSH with RSA',
      address: sshd.address,
      ssh: { ...sshd.rsa, hostKeyFingerprint: sshd.hostKeyFingerprint },
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const base = '/api/hosts/ssh-rsa/containers'
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const events = await openLive(viewer, '/api/hosts/ssh-rsa/events')
    const name = h.uniqueName('ssh')

    const run = await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sh', '-c', 'echo hello-over-ssh; sleep 300'],
      labels: h.labels,
    })
    expect(run.status, await run.clone().text()).toBe(201)
    const { id } = (await run.json()) as { id: string }

    await events.waitFor((l) =>
      (l.messages as EventsServerMessage[]).some(
        (m) => m.type === 'event' && m.event.action === 'start' && m.event.attributes.name === name,
      ),
    )
    await expect
      .poll(async () =>
        ((await (await viewer.get(base)).json()) as { name: string }[]).map((c) => c.name),
      )
      .toContain(name)
    await expect
      .poll(async () => (await viewer.get(`${base}/${name}/logs/download`)).text())
      .toContain('hello-over-ssh')
    const exec = await openLive(
      operator,
      `${base}/${name}/exec?cmd=${commandParam('echo', 'hi-via-ssh')}`,
    )
    await exec.waitFor((l) => l.output().includes('hi-via-ssh'))
    const stats = await openLive(viewer, `${base}/${id}/stats`)
    await stats.waitFor((l) =>
      (l.messages as StatsServerMessage[]).some((m) => m.type === 'sample' && m.sample.id === id),
    )
    for (const live of [events, exec, stats]) live.ws.close()
  })

  it('refuses a host whose key is not the pinned one, loudly, on every route and in its status', async () => {
    const admin = await h.as('admin')
    const pinned = `SHA256:${'Q'.repeat(43)}`
    const created = await admin.post('/api/hosts', {
      id: 'ssh-changed',
      name: 'Changed key',
      address: sshd.address,
      ssh: { ...sshd.ed25519, hostKeyFingerprint: pinned },
    })
    expect(created.status).toBe(201)

    const host = (await (await admin.get('/api/hosts/ssh-changed')).json()) as Host
    expect(host).toMatchObject({
      reachable: false,
      sshHostKey: { state: 'changed', expected: pinned, offered: sshd.hostKeyFingerprint },
    })
    expect(host.error).toMatch(/HAS CHANGED/)
    await expectApiError(
      await admin.get('/api/hosts/ssh-changed/containers'),
      502,
      'engine_unreachable',
    )
    const fingerprint = sshd.hostKeyFingerprint
    await expectApiError(
      await admin.post('/api/hosts/ssh-changed/ssh-host-key', { fingerprint }),
      409,
      'conflict',
    )
    const replaced = await admin.post('/api/hosts/ssh-changed/ssh-host-key', {
      fingerprint,
      replacePinned: true,
    })
    expect(replaced.status, await replaced.clone().text()).toBe(200)
    const accepted = (await replaced.json()) as Host
    expect(accepted, accepted.error).toMatchObject({ reachable: true })
  })

  it('refuses an ssh:// host without a private key, naming the field', async () => {
    const admin = await h.as('admin')
    const res = await admin.post('/api/hosts', {
      id: 'ssh-nokey',
      name: 'x',
      address: sshd.address,
    })
    await expectApiError(
      res,
      400,
      'invalid_request',
      /ssh.privateKey: an ssh:\/\/ host needs a private key/,
    )
  })
})
