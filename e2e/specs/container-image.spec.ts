import {
  docker,
  ensureNodeBaseImage,
  newRunId,
  removeLabelled,
  scaled,
  TEST_LABEL,
} from '@harbormaster/testkit'
import { statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dashboard } from '../pages/dashboard.ts'
import { screenshot, useBrowser } from '../support/browser.ts'
import { buildProjectImage } from '../support/image-build.ts'

/** A log line's `time` (pino's milliseconds); a line that is not pino's JSON sorts first. */
function writtenAt(line: string): number {
  try {
    const time: unknown = (JSON.parse(line) as { time?: unknown }).time
    return typeof time === 'number' ? time : 0
  } catch {
    return 0
  }
}

const until = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not in ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * The Dockerfile, built here as users build it (on a Node 24 base made from this machine's node
 * binary: there is no registry), run on the test engine with that engine's socket mounted, and
 * used through a browser like any deployment.
 */
describe('the container image, run with the engine socket mounted', () => {
  const { stack, newPage } = useBrowser()
  const run = newRunId()
  const label = `${TEST_LABEL}=${run}`
  const tag = `harbormaster-test/dashboard:${run}`
  const name = `hm-e2e-image-${run}`
  const target = `${name}-target`
  const volume = `${name}-data`
  const port = 18080
  const url = `http://${stack.engineAddress}:${port}`
  const password = 'image-admin-password'
  const cli = (args: string[]) => docker(stack.dockerHost, args).then((r) => r.stdout.trim())
  let buildStageImages: string[] = []

  const inspect = (format: string) => cli(['inspect', '-f', format, name])
  const waitHealthy = () =>
    until(
      async () => ((await inspect('{{.State.Health.Status}}')) === 'healthy' ? true : undefined),
      'the container reports healthy',
      60_000,
    )

  beforeAll(async () => {
    const base = await ensureNodeBaseImage(stack.dockerHost)
    const output = await buildProjectImage(stack.dockerHost, tag, base, [label])
    // The classic builder leaves the build stage's image behind, unlabelled: remember its ids.
    buildStageImages = [...output.matchAll(/---> ([0-9a-f]{12})\b/g)].map((m) => m[1] ?? '')
    await cli(['volume', 'create', '--label', label, volume])
    await cli(['run', '-d', '--label', label, '--name', target, stack.fixtureImage, 'sleep', '600'])
    // The socket's group, so the non-root user can reach it (README: "The socket's group").
    const socketGroup = String(statSync(stack.engineSocket).gid)
    await cli([
      'run',
      '-d',
      ...['--name', name, '--label', label, '--group-add', socketGroup],
      ...['-v', `${stack.engineSocket}:/var/run/docker.sock`, '-v', `${volume}:/data`],
      ...['-p', `${port}:8080`, '--health-interval', '1s'],
      ...['-e', `HARBORMASTER_ADMIN_PASSWORD=${password}`, '-e', `HARBORMASTER_PUBLIC_URL=${url}`],
      ...['-e', 'HARBORMASTER_HOSTS=again=unix:///var/run/docker.sock'],
      tag,
    ])
    await waitHealthy()
  }, 600_000)

  afterAll(async () => {
    await removeLabelled(stack.dockerHost, run)
    const dangling = new Set((await cli(['images', '-q', '--filter', 'dangling=true'])).split('\n'))
    const leftovers = buildStageImages.filter((id) => dangling.has(id))
    if (leftovers.length > 0) await cli(['image', 'rm', ...leftovers])
    await cli(['image', 'rm', tag]).catch(() => undefined)
  })

  it('runs as the non-root user, healthy, with a /data volume and port 8080', async () => {
    expect(await cli(['exec', name, 'id', '-u'])).toBe('1000')
    const config = JSON.parse(await cli(['image', 'inspect', '-f', '{{json .Config}}', tag])) as {
      User: string
      ExposedPorts: Record<string, unknown>
      Volumes: Record<string, unknown>
    }
    expect(config.User).toBe('node')
    expect(Object.keys(config.ExposedPorts)).toEqual(['8080/tcp'])
    expect(Object.keys(config.Volumes)).toEqual(['/data'])
    // Anonymous (the image's HEALTHCHECK, a load balancer): ok or degraded, nothing more.
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok' })
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: 'admin', password }),
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const health = (await (await fetch(`${url}/api/health`, { headers: { cookie } })).json()) as {
      hosts: { id: string; reachable: boolean }[]
    }
    expect(health.hosts.map((h) => [h.id, h.reachable]).sort()).toEqual([
      ['again', true],
      ['local', true],
    ])
  })

  it('signs in, lists containers and opens a terminal, through the container', async () => {
    const page = await newPage(undefined, url)
    const dashboard = new Dashboard(page)
    await dashboard.signIn('admin', password)
    await dashboard.row(target).getByText(/^Up /).waitFor()
    await dashboard.openContainer(target, 'terminal')
    await page.locator('.xterm').click()
    const screen = () => page.locator('.xterm-rows').textContent()
    await until(async () => ((await screen())?.includes('#') ? true : undefined), 'a prompt')
    await page.keyboard.type('echo from-the-im""age\n')
    await until(
      async () => ((await screen())?.includes('from-the-image') ? true : undefined),
      'the echo',
    )
    await screenshot(page, 'image-terminal')
  })

  it('stops cleanly on SIGTERM and starts again with its users, sessions and hosts', async () => {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: 'admin', password }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const hostsBefore = await fetch(`${url}/api/hosts`, { headers: { cookie } })
    expect(hostsBefore.status).toBe(200)

    await cli(['stop', '--time', '10', name])
    expect(await inspect('{{.State.ExitCode}} {{.State.OOMKilled}}')).toBe('0 false')
    // The engine copies the container's output into its log as it drains the pipe: on a busy
    // host the last line can land there after `docker stop` has returned, and lines written a
    // few ms apart at exit can even be stored out of order (seen: the last two swapped). So the
    // lines are read in the order the server wrote them, by pino's own `time`.
    const logs = async () => (await docker(stack.dockerHost, ['logs', name])).stdout
    const inWrittenOrder = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line, index) => ({ line, index, time: writtenAt(line) }))
        .sort((a, b) => a.time - b.time || a.index - b.index)
        .map((entry) => entry.line)
    await expect
      .poll(async () => inWrittenOrder(await logs()).at(-1), { timeout: scaled(10_000) })
      .toContain('stopped cleanly; database closed')
    const stdout = await logs()
    // Requests in flight when the signal came are logged as they finish, between the two.
    const lines = inWrittenOrder(stdout)
    const shuttingDown = lines.findIndex((line) => line.includes('"msg":"shutting down'))
    expect(shuttingDown).toBeGreaterThan(0)
    expect(lines.at(-1)).toContain('stopped cleanly; database closed')
    expect(
      lines.slice(shuttingDown + 1, -1).every((line) => line.includes('"msg":"request"')),
    ).toBe(true)
    expect(stdout).not.toContain(password)

    await cli(['start', name])
    await waitHealthy()
    const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } })
    expect(((await me.json()) as { user?: { username: string } }).user?.username).toBe('admin')
    const hostsAfter = await fetch(`${url}/api/hosts`, { headers: { cookie } })
    expect(await hostsAfter.json()).toEqual(await hostsBefore.json())
  })
})
