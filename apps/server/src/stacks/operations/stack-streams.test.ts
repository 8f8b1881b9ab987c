import type { AuditEntry } from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { makeCliProject, stackLines, stateOf, stepsIn } from '../../../test/cli-project.ts'
import { startHarness } from '../../../test/harness.ts'

const h = startHarness()
const stacks = '/api/hosts/local/stacks'

async function auditOf(action: string): Promise<AuditEntry[]> {
  const res = await (await h.as('admin')).get(`/api/audit?action=${action}`)
  return ((await res.json()) as { entries: AuditEntry[] }).entries
}

describe('a stack operation whose client goes away', () => {
  it('stops: nothing more is started, and the audit says the client left', async () => {
    // `sleep` as the main process ignores SIGTERM: each stop waits out its grace period.
    const sleeper = ['sleep', '300']
    const project = await makeCliProject(h, [
      { name: 'a', cmd: sleeper },
      { name: 'b', cmd: sleeper },
    ])
    const operator = await h.as('operator')
    const controller = new AbortController()
    const engine = h.server.services.hosts.engine('local')
    const stopsOf = (name: string) =>
      engine?.callCounts.byRoute.get(`POST /containers/${name}/stop`)
    const ids = Object.fromEntries(
      await Promise.all(
        Object.entries(project.containers).map(async ([service, name]) => [
          service,
          (await docker(h.dockerHost, ['inspect', '--format', '{{.Id}}', name])).stdout.trim(),
        ]),
      ),
    ) as Record<string, string>

    const res = await fetch(`${h.url}${stacks}/${project.name}/stop`, {
      method: 'POST',
      signal: controller.signal,
      headers: { Origin: operator.origin, Cookie: operator.cookie ?? '' },
    })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    // Stop order is dependents first; with no dependencies, by name from the end: b, then a.
    expect(JSON.parse(first.split('\n')[0] ?? '')).toMatchObject({
      action: 'stop',
      name: project.containers.b,
      state: 'started',
    })
    controller.abort()

    await expect
      .poll(() => auditOf('stack.stop'), { timeout: scaled(20_000) })
      .toContainEqual(expect.objectContaining({ target: project.name, status: 499 }))
    expect(stopsOf(ids.b ?? '')).toBe(1)
    expect(stopsOf(ids.a ?? '')).toBeUndefined()
    expect(await stateOf(h, project.containers.a ?? '')).toBe('running')
  })
})

describe('POST /stacks/:name/pull', () => {
  it('pulls each image the project uses, ending with the engine’s error as the last line', async () => {
    // A name on a registry that refuses connections: the pull fails at once, with no network.
    const image = `127.0.0.1:1/${h.uniqueName('pull')}:1`
    await docker(h.dockerHost, ['tag', h.fixtureImage, image])
    const project = await makeCliProject(h, [{ name: 'app' }])
    const name = `${project.name}-extra-1`
    await docker(h.dockerHost, [
      'create',
      '--name',
      name,
      '--label',
      `com.docker.compose.project=${project.name}`,
      '--label',
      'com.docker.compose.service=extra',
      ...Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      image,
    ])
    const operator = await h.as('operator')

    try {
      await expect
        .poll(async () => {
          const res = await operator.get(`${stacks}/${project.name}`)
          return ((await res.json()) as { total: number }).total
        })
        .toBe(2)
      const lines = await stackLines(await operator.post(`${stacks}/${project.name}/pull`))

      // Images in name order: the registry's (127.0.0.1:1/…) first, and it fails.
      expect(stepsIn(lines, 'started')).toEqual([`pull ${image}`])
      expect(stepsIn(lines, 'failed')).toEqual([`pull ${image}`])
      expect(lines.at(-1)?.error?.message).toMatch(/127\.0\.0\.1:1/)
      await expect
        .poll(() => auditOf('stack.pull'))
        .toContainEqual(expect.objectContaining({ target: project.name, status: 500 }))
    } finally {
      await docker(h.dockerHost, ['rm', '-f', name])
      await docker(h.dockerHost, ['rmi', image])
    }
  })
})
