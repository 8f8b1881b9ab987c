import { docker, scaled } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { signIn, startHarness } from '../../test/harness.ts'
import { type LiveClient, UpgradeRefused, commandParam, openLive } from '../../test/live-client.ts'

const exitOf = (live: LiveClient) =>
  live.messages.find(
    (m): m is { type: 'exit'; exitCode: number | null } => (m as { type?: string }).type === 'exit',
  )

describe('exec over a WebSocket, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  const runContainer = async (extra: Record<string, unknown> = {}) => {
    const operator = await h.as('operator')
    const name = h.uniqueName('term')
    const res = await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      labels: h.labels,
      ...extra,
    })
    expect(res.status).toBe(201)
    return name
  }

  it('runs a shell: echo, resize read back by stty, and the exit code when it exits', async () => {
    const name = await runContainer()
    const live = await openLive(await h.as('operator'), `${base}/${name}/exec?cols=100&rows=30`)

    live.ws.send(Buffer.from('echo h""i\n'))
    await live.waitFor((l) => l.output().includes('hi\r\n'))
    live.ws.send(Buffer.from('stty size\n'))
    await live.waitFor((l) => l.output().includes('30 100'))
    live.ws.send(JSON.stringify({ type: 'resize', cols: 101, rows: 33 }))
    // The resize reaches the engine on its own request: ask again until the shell sees it.
    const asking = setInterval(() => {
      live.ws.send(Buffer.from('stty size\n'))
    }, 300)
    await live
      .waitFor((l) => l.output().includes('33 101'))
      .finally(() => {
        clearInterval(asking)
      })
    live.ws.send(Buffer.from('exit 3\n'))

    await live.waitFor((l) => exitOf(l) !== undefined)
    expect(exitOf(live)?.exitCode).toBe(3)
    expect((await live.closed).code).toBe(1000)
  })

  it('runs the command word for word: spaces and quotes inside a word stay in it', async () => {
    const name = await runContainer()
    const script = 'printf "[%s]" "$@"; exit 4'
    const path = `${base}/${name}/exec?cmd=${commandParam('sh', '-c', script, 'sh', 'a b', `"c"`)}`
    const live = await openLive(await h.as('operator'), path)

    await live.waitFor((l) => exitOf(l) !== undefined)
    expect(live.output()).toContain('[a b]["c"]')
    expect(exitOf(live)?.exitCode).toBe(4)
  })

  it('refuses a command that is not a JSON array of words, naming it', async () => {
    const name = await runContainer()
    const operator = await h.as('operator')
    for (const cmd of ['sh -c ls', encodeURIComponent('[]'), encodeURIComponent('[""]')]) {
      const res = await operator.get(`${base}/${name}/exec?cmd=${cmd}`)
      expect(res.status, cmd).toBe(400)
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('cmd')
    }
  })

  it('answers a message of the wrong shape with an error frame and keeps the session', async () => {
    const name = await runContainer()
    const live = await openLive(await h.as('operator'), `${base}/${name}/exec`)

    live.ws.send(JSON.stringify({ type: 'resize', cols: 'wide' }))
    await live.waitFor((l) => l.messages.some((m) => (m as { type?: string }).type === 'error'))
    live.ws.send(Buffer.from('echo still-here\n'))

    await live.waitFor((l) => l.output().includes('still-here\r\n'))
    live.ws.close()
  })

  it('ends the shell in the container when the browser goes away', async () => {
    const name = await runContainer()
    const live = await openLive(
      await h.as('operator'),
      `${base}/${name}/exec?cmd=${commandParam('sh')}`,
    )
    live.ws.send(Buffer.from('echo $$ > /tmp/exec-pid\n'))
    await expect
      .poll(async () =>
        (
          await docker(h.dockerHost, ['exec', name, 'cat', '/tmp/exec-pid']).catch(() => ({
            stdout: '',
          }))
        ).stdout.trim(),
      )
      .not.toBe('')
    const pid = (await docker(h.dockerHost, ['exec', name, 'cat', '/tmp/exec-pid'])).stdout.trim()

    live.ws.terminate()

    await expect
      .poll(
        async () =>
          (await docker(h.dockerHost, ['exec', name, 'ps', '-o', 'pid'])).stdout
            .split('\n')
            .map((s) => s.trim()),
        { timeout: scaled(10_000) },
      )
      .not.toContain(pid)
  })

  it('refuses before the upgrade: a viewer, a foreign Origin, no session, a stopped container, root for an operator', async () => {
    const name = await runContainer()
    const stopped = h.uniqueName('stopped')
    await (
      await h.as('operator')
    ).post(base, { image: h.fixtureImage, name: stopped, labels: h.labels })
    const refused = async (promise: Promise<LiveClient>) => {
      const err = await promise.then(
        () => new Error('the upgrade was accepted'),
        (e: unknown) => e,
      )
      return err instanceof UpgradeRefused ? err.status : String(err)
    }

    expect(await refused(openLive(await h.as('viewer'), `${base}/${name}/exec`))).toBe(403)
    expect(await refused(openLive(await h.as('viewer'), `${base}/${name}/attach`))).toBe(403)
    expect(
      await refused(
        openLive(await h.as('operator'), `${base}/${name}/exec`, {
          origin: 'https://evil.example',
        }),
      ),
    ).toBe(403)
    expect(await refused(openLive(h.anonymous, `${base}/${name}/exec`))).toBe(401)
    expect(await refused(openLive(await h.as('operator'), `${base}/${stopped}/exec`))).toBe(409)
    expect(await refused(openLive(await h.as('operator'), `${base}/${name}/exec?user=root`))).toBe(
      403,
    )
    expect(
      await refused(openLive(await h.as('operator'), `${base}/${h.uniqueName('none')}/exec`)),
    ).toBe(404)
  })

  it('closes an open terminal with 1008 when its user changes password', async () => {
    const name = await runContainer()
    const admin = await h.as('admin')
    const username = h.uniqueName('pw')
    await admin.post('/api/users', { username, password: 'first-password-1', role: 'operator' })
    const user = await signIn(h, username, 'first-password-1')
    const live = await openLive(user, `${base}/${name}/exec`)

    const changed = await user.post('/api/auth/password', {
      currentPassword: 'first-password-1',
      newPassword: 'second-password-2',
    })

    expect(changed.status).toBe(204)
    expect((await live.closed).code).toBe(1008)
  })

  it("closes a user's terminals with 1008 when an admin changes their role or disables them", async () => {
    const name = await runContainer()
    const admin = await h.as('admin')
    const username = h.uniqueName('role')
    const created = (await (
      await admin.post('/api/users', { username, password: 'role-password-1', role: 'operator' })
    ).json()) as { user: { id: string } }
    const user = await signIn(h, username, 'role-password-1')
    const first = await openLive(user, `${base}/${name}/exec`)

    await admin.patch(`/api/users/${created.user.id}`, { role: 'viewer' })
    expect((await first.closed).code).toBe(1008)
    await admin.patch(`/api/users/${created.user.id}`, { role: 'operator', disabled: false })
    const again = await signIn(h, username, 'role-password-1')
    const second = await openLive(again, `${base}/${name}/exec`)
    await admin.patch(`/api/users/${created.user.id}`, { disabled: true })

    expect((await second.closed).code).toBe(1008)
  })

  it("cuts a frame over 64 KiB, and refuses a user's 33rd open socket", async () => {
    const name = await runContainer()
    const operator = await h.as('operator')
    const big = await openLive(operator, `${base}/${name}/exec`)

    big.ws.send(Buffer.alloc(64 * 1024 + 1, 0x61))

    expect((await big.closed).code).toBe(1009)
    const username = h.uniqueName('many')
    await (
      await h.as('admin')
    ).post('/api/users', { username, password: 'many-password-1', role: 'viewer' })
    const viewer = await signIn(h, username, 'many-password-1')
    const open = await Promise.all(
      Array.from({ length: 32 }, () => openLive(viewer, '/api/hosts/local/events')),
    )
    const refused = await openLive(viewer, '/api/hosts/local/events').then(
      () => 0,
      (err: unknown) => (err instanceof UpgradeRefused ? err.status : -1),
    )
    expect(refused).toBe(429)
    for (const live of open) live.ws.close()
  })

  it('attaches to a main process that keeps stdin open', async () => {
    const name = await runContainer({ cmd: ['cat'], openStdin: true })
    const live = await openLive(await h.as('operator'), `${base}/${name}/attach`)

    live.ws.send(Buffer.from('through-attach\n'))

    await live.waitFor((l) => l.output().includes('through-attach\n'))
    live.ws.close()
    const { stdout } = await docker(h.dockerHost, ['inspect', '-f', '{{.State.Running}}', name])
    expect(stdout.trim()).toBe('true')
  })
})
