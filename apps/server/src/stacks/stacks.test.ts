import type { AuditEntry, StackDetails, StackSummary } from '@harbormaster/contract'
import { docker } from '@harbormaster/testkit'
import { describe, expect, it, vi } from 'vitest'
import { exists, makeCliProject, stackLines, stateOf, stepsIn } from '../../test/cli-project.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const stacks = '/api/hosts/local/stacks'

/**
 * web, publishing a port, and cron, which depends on it (the CLI's label): by name cron comes
 * first, by dependency web does, so the order shows which one the server followed.
 */
const WEB_AND_CRON = [
  { name: 'web', args: ['-p', '127.0.0.1::80'] },
  { name: 'cron', dependsOn: 'web:service_started:false' },
]

async function summaryOf(name: string): Promise<StackSummary | undefined> {
  const res = await (await h.as('viewer')).get(stacks)
  expect(res.status).toBe(200)
  return ((await res.json()) as StackSummary[]).find((stack) => stack.name === name)
}

describe('GET /stacks: compose projects from the container model', () => {
  it('lists a CLI project with its status, services, ports and files, as a viewer', async () => {
    const project = await makeCliProject(h, WEB_AND_CRON)
    await docker(h.dockerHost, ['stop', '-t', '1', project.containers.cron ?? ''])

    await expect.poll(async () => (await summaryOf(project.name))?.status).toBe('partial')
    const summary = await summaryOf(project.name)
    expect(summary).toMatchObject({
      origin: 'cli',
      running: 1,
      total: 2,
      services: [
        { name: 'cron', running: 0, total: 1 },
        { name: 'web', running: 1, total: 1 },
      ],
      configFiles: [`/srv/${project.name}/compose.yaml`],
      workingDir: `/srv/${project.name}`,
    })
    expect(summary?.ports).toEqual([
      expect.objectContaining({ privatePort: 80, type: 'tcp', ip: '127.0.0.1' }),
    ])
    expect(summary?.saved).toBeUndefined()

    await docker(h.dockerHost, ['stop', '-t', '1', project.containers.web ?? ''])
    await expect.poll(async () => (await summaryOf(project.name))?.status).toBe('exited')
  })

  it('costs the engine no call beyond the model’s', async () => {
    const project = await makeCliProject(h, [{ name: 'one' }])
    await expect.poll(async () => (await summaryOf(project.name))?.status).toBe('running')
    const engine = h.server.services.hosts.engine('local')
    if (!engine) throw new Error('no local engine')
    // The model re-reads containers named by events (filtered by id); a list read for the
    // route would be unfiltered.
    const list = vi.spyOn(engine.containers, 'list')

    try {
      for (let i = 0; i < 5; i++) expect(await summaryOf(project.name)).toBeDefined()
      expect(list.mock.calls.filter(([options]) => options?.filters === undefined)).toEqual([])
    } finally {
      list.mockRestore()
    }
  })

  it('details a stack’s services and containers, and 404s a name nobody uses', async () => {
    const project = await makeCliProject(h, WEB_AND_CRON)
    const viewer = await h.as('viewer')

    await expect.poll(async () => (await summaryOf(project.name))?.running).toBe(2)
    const res = await viewer.get(`${stacks}/${project.name}`)
    expect(res.status).toBe(200)
    const details = (await res.json()) as StackDetails
    expect(
      details.services.map((s) => [s.name, s.image, s.containers.map((c) => c.number)]),
    ).toEqual([
      ['cron', h.fixtureImage, [1]],
      ['web', h.fixtureImage, [1]],
    ])
    expect(details.services[1]?.containers[0]).toMatchObject({
      name: project.containers.web,
      state: 'running',
    })
    await expectApiError(await viewer.get(`${stacks}/${h.uniqueName('none')}`), 404, 'not_found')
  })
})

describe('lifecycle of a CLI project, without its file', () => {
  it('stops dependents first and starts dependencies first, as NDJSON steps', async () => {
    const project = await makeCliProject(h, WEB_AND_CRON)
    const operator = await h.as('operator')
    const { web = '', cron = '' } = project.containers

    const stopped = await stackLines(await operator.post(`${stacks}/${project.name}/stop`))
    expect(stepsIn(stopped, 'started')).toEqual([`stop ${cron}`, `stop ${web}`])
    expect(stopped.at(-1)).toEqual({ type: 'done', changes: 2 })
    expect([await stateOf(h, web), await stateOf(h, cron)]).toEqual(['exited', 'exited'])

    const started = await stackLines(await operator.post(`${stacks}/${project.name}/start`))
    expect(stepsIn(started, 'started')).toEqual([`start ${web}`, `start ${cron}`])
    expect(stepsIn(started, 'done')).toEqual([`start ${web}`, `start ${cron}`])
    expect([await stateOf(h, web), await stateOf(h, cron)]).toEqual(['running', 'running'])

    // Nothing to start: each container is kept, and no engine call changes anything.
    await expect.poll(async () => (await summaryOf(project.name))?.status).toBe('running')
    const again = await stackLines(await operator.post(`${stacks}/${project.name}/start`))
    expect(stepsIn(again, 'done')).toEqual([`keep ${web}`, `keep ${cron}`])
    expect(again.at(-1)).toEqual({ type: 'done', changes: 0 })
  })

  it('restarts every container and audits each operation with the stack’s name', async () => {
    const project = await makeCliProject(h, [{ name: 'solo' }])
    const operator = await h.as('operator')
    const container = project.containers.solo ?? ''
    const startedAt = async () =>
      (await docker(h.dockerHost, ['inspect', '--format', '{{.State.StartedAt}}', container]))
        .stdout

    const before = await startedAt()
    const lines = await stackLines(await operator.post(`${stacks}/${project.name}/restart`))

    expect(stepsIn(lines, 'done')).toEqual([`restart ${container}`])
    expect(await startedAt()).not.toBe(before)
    await expect
      .poll(() => auditOf('stack.restart'))
      .toContainEqual(expect.objectContaining({ target: project.name, status: 200 }))
  })

  it('down removes containers and network and keeps the volume; a look-alike stays', async () => {
    const project = await makeCliProject(h, WEB_AND_CRON)
    const operator = await h.as('operator')
    // Named like the project's, but not labelled by compose: never the project's to remove.
    const lookalike = `${project.name}_other`
    await docker(h.dockerHost, ['network', 'create', ...labelArgs(h.labels), lookalike])
    // Labelled with the project, but not as one of its networks: compose leaves it too.
    const unmanaged = `${project.name}_unmanaged`
    const projectLabel = { 'com.docker.compose.project': project.name }
    await docker(h.dockerHost, [
      'network',
      'create',
      ...labelArgs({ ...h.labels, ...projectLabel }),
      unmanaged,
    ])

    const lines = await stackLines(await operator.post(`${stacks}/${project.name}/down`, {}))

    expect(stepsIn(lines, 'done')).toEqual([
      `stop ${project.containers.cron ?? ''}`,
      `stop ${project.containers.web ?? ''}`,
      `remove ${project.containers.cron ?? ''}`,
      `remove ${project.containers.web ?? ''}`,
      `remove ${project.network}`,
    ])
    expect(lines.at(-1)).toEqual({ type: 'done', changes: 5 })
    expect(await stateOf(h, project.containers.web ?? '')).toBe('gone')
    expect(await exists(h, 'network', project.network)).toBe(false)
    expect(await exists(h, 'volume', project.volume)).toBe(true)
    expect(await exists(h, 'network', lookalike)).toBe(true)
    expect(await exists(h, 'network', unmanaged)).toBe(true)
    await expect.poll(async () => summaryOf(project.name)).toBeUndefined()
  })

  it('down with volumes removes the project’s volume and never an unlabelled look-alike', async () => {
    const name = h.uniqueName('proj')
    const project = await makeCliProject(
      h,
      [{ name: 'db', args: ['-v', `${name}_data:/data`] }],
      h.labels,
      name,
    )
    const operator = await h.as('operator')
    const lookalike = `${project.name}_data2`
    await docker(h.dockerHost, ['volume', 'create', ...labelArgs(h.labels), lookalike])

    const lines = await stackLines(
      await operator.post(`${stacks}/${project.name}/down`, { volumes: true }),
    )

    expect(stepsIn(lines, 'done')).toContain(`remove ${project.volume}`)
    expect(lines.at(-1)?.type).toBe('done')
    expect(await exists(h, 'volume', project.volume)).toBe(false)
    expect(await exists(h, 'volume', lookalike)).toBe(true)
  })
})

describe('who may see and operate stacks', () => {
  it('refuses every operation to a viewer (403) and leaves the project running', async () => {
    const project = await makeCliProject(h, [{ name: 'solo' }])
    const viewer = await h.as('viewer')

    for (const action of ['start', 'stop', 'restart', 'down', 'pull']) {
      await expectApiError(
        await viewer.post(`${stacks}/${project.name}/${action}`),
        403,
        'forbidden',
      )
    }
    expect(await stateOf(h, project.containers.solo ?? '')).toBe('running')
  })

  it('shows a scoped operator only the stacks in their scope, and hides the rest (404)', async () => {
    const team = `team=${h.uniqueName('t')}`
    const [key = '', value = ''] = team.split('=')
    const ours = await makeCliProject(h, [{ name: 'app' }], { ...h.labels, [key]: value })
    const theirs = await makeCliProject(h, [{ name: 'app' }])
    const scoped = await h.operatorScopedTo(team)

    await expect.poll(async () => (await summaryOf(theirs.name))?.status).toBe('running')
    const listed = (await (await scoped.get(stacks)).json()) as StackSummary[]
    expect(listed.map((stack) => stack.name)).toEqual([ours.name])
    await expectApiError(await scoped.get(`${stacks}/${theirs.name}`), 404, 'not_found')
    await expectApiError(await scoped.post(`${stacks}/${theirs.name}/stop`), 404, 'not_found')
    expect(await stateOf(h, theirs.containers.app ?? '')).toBe('running')

    const stopped = await stackLines(await scoped.post(`${stacks}/${ours.name}/stop`))
    expect(stopped.at(-1)).toEqual({ type: 'done', changes: 1 })
    expect(await stateOf(h, ours.containers.app ?? '')).toBe('exited')
  })
})

const labelArgs = (labels: Record<string, string>) =>
  Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`])

/** The audit entries of an action, newest first. */
async function auditOf(action: string): Promise<AuditEntry[]> {
  const res = await (await h.as('admin')).get(`/api/audit?action=${action}`)
  return ((await res.json()) as { entries: AuditEntry[] }).entries
}
