import type { StackLogLine, StackLogsServerMessage } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { makeCliProject, stackLines, stepsIn } from '../../../test/cli-project.ts'
import { startHarness } from '../../../test/harness.ts'
import { type LiveClient, openLive } from '../../../test/live-client.ts'
import { doneOf, labelsYaml, storeStack, up } from '../../../test/stack-deploy.ts'

const h = startHarness()
const stacks = '/api/hosts/local/stacks'

/** Says its name, then waits quietly; ends at once on SIGTERM. */
const saying = (text: string) => [
  'sh',
  '-c',
  `trap "exit 0" TERM; echo ${text}; echo ${text}-err >&2; while true; do sleep 1; done`,
]

const linesOf = (live: LiveClient): StackLogLine[] =>
  (live.messages as StackLogsServerMessage[]).flatMap((m) => (m.type === 'lines' ? m.lines : []))
const ended = (live: LiveClient) =>
  (live.messages as StackLogsServerMessage[]).some((m) => m.type === 'end')

describe('GET /stacks/:name/logs (WebSocket)', () => {
  it('merges every container’s log, each line tagged with its service and number', async () => {
    const project = await makeCliProject(h, [
      { name: 'web', cmd: saying('from-web') },
      { name: 'cron', cmd: saying('from-cron') },
    ])
    const viewer = await h.as('viewer')
    const has = (live: LiveClient, text: string) => linesOf(live).some((l) => l.text === text)

    const live = await openLive(viewer, `${stacks}/${project.name}/logs`)
    await live.waitFor((l) => ['from-web', 'from-cron', 'from-web-err'].every((t) => has(l, t)))

    expect(linesOf(live)).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', text: 'from-web', service: 'web', number: 1 },
        { stream: 'stderr', text: 'from-web-err', service: 'web', number: 1 },
        { stream: 'stdout', text: 'from-cron', service: 'cron', number: 1 },
      ]),
    )
    // Following: the socket ends once every container has stopped.
    const operator = await h.as('operator')
    expect((await operator.post(`${stacks}/${project.name}/stop`)).status).toBe(200)
    await live.waitFor(ended)
    expect((await live.closed).code).toBe(1000)
  })

  it('narrows to one service, and refuses an unknown service or stack before upgrading', async () => {
    const project = await makeCliProject(h, [
      { name: 'web', cmd: saying('from-web') },
      { name: 'cron', cmd: saying('from-cron') },
    ])
    const viewer = await h.as('viewer')
    const path = `${stacks}/${project.name}/logs`

    // Read once cron has written its line: a log read at once may find it not yet written.
    const following = await openLive(viewer, `${path}?service=cron`)
    await following.waitFor((l) => linesOf(l).some((line) => line.text === 'from-cron'))
    following.ws.close()

    const live = await openLive(viewer, `${path}?service=cron&follow=false`)
    await live.waitFor(ended)
    expect(new Set(linesOf(live).map((line) => line.service))).toEqual(new Set(['cron']))
    expect(linesOf(live).map((line) => line.text)).toContain('from-cron')

    await expect(openLive(viewer, `${path}?service=nope`)).rejects.toMatchObject({ status: 404 })
    await expect(openLive(viewer, `${stacks}/${h.uniqueName('none')}/logs`)).rejects.toMatchObject({
      status: 404,
    })
    await expect(openLive(h.anonymous, path)).rejects.toMatchObject({ status: 401 })
  })

  it('hides a stack outside a scoped caller’s scope (404)', async () => {
    const project = await makeCliProject(h, [{ name: 'web', cmd: saying('from-web') }])
    const scoped = await h.operatorScopedTo(`team=${h.uniqueName('t')}`)

    await expect(openLive(scoped, `${stacks}/${project.name}/logs`)).rejects.toMatchObject({
      status: 404,
    })
  })

  it('follows the stack: containers started later join the stream (scale 1 -> 2, restart)', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('logscale')
    // Each container says its own hostname (its id), so lines tell containers apart.
    await storeStack(
      operator,
      name,
      `
services:
  web:
    image: ${h.fixtureImage}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo hello-$$(hostname); while true; do sleep 1; done"]
    labels: ${labelsYaml(h)}
networks:
  default:
    labels: ${labelsYaml(h)}
`,
    )
    expect(doneOf(await up(operator, name))).toMatchObject({ type: 'done' })
    const viewer = await h.as('viewer')
    const live = await openLive(viewer, `${stacks}/${name}/logs`)
    const hellos = (l: LiveClient) => linesOf(l).filter((line) => line.text.startsWith('hello-'))
    await live.waitFor((l) => hellos(l).length === 1)

    const scaled = await operator.post(`${stacks}/${name}/scale`, { service: 'web', replicas: 2 })
    expect(doneOf(await stackLines(scaled))).toMatchObject({ type: 'done' })

    await live.waitFor((l) => hellos(l).some((line) => line.number === 2))
    expect(hellos(live).map((line) => [line.service, line.number])).toEqual([
      ['web', 1],
      ['web', 2],
    ])
    expect(ended(live)).toBe(false)

    // A restart: each container's new run joins again, from where its last run ended.
    const restarted = await operator.post(`${stacks}/${name}/restart`)
    expect(doneOf(await stackLines(restarted))).toMatchObject({ type: 'done' })
    await live.waitFor((l) => hellos(l).length === 4)
    expect(
      hellos(live)
        .map((line) => line.number)
        .sort(),
    ).toEqual([1, 1, 2, 2])
    expect(ended(live)).toBe(false)

    // Both stop: every log has ended and nothing of the stack is left to start. The stop acts
    // on both, the restart's just-started containers included (none kept as already stopped).
    const stopped = await stackLines(await operator.post(`${stacks}/${name}/stop`))
    expect(doneOf(stopped)).toMatchObject({ type: 'done' })
    expect(stepsIn(stopped, 'done').sort()).toEqual([`stop ${name}-web-1`, `stop ${name}-web-2`])
    await live.waitFor(ended)
    expect((await live.closed).code).toBe(1000)
    const down = await operator.post(`${stacks}/${name}/down`, { volumes: true })
    expect(doneOf(await stackLines(down))).toMatchObject({ type: 'done' })
  })
})
