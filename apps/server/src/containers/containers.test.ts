import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

describe('containers through the API, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  it('creates and starts a container from the form, lists, inspects, stops and removes it', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('api')

    const created = await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      env: ['GREETING=hello'],
      labels: h.labels,
      ports: [{ containerPort: 80, hostPort: 8080 }],
      restartPolicy: { name: 'unless-stopped' },
      memoryBytes: 64 * 1024 * 1024,
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }

    const list = (await (await operator.get(base)).json()) as {
      id: string
      name: string
      state: string
      status: string
    }[]
    expect(list.find((c) => c.id === id)).toMatchObject({ name, state: 'running' })
    const details = (await (await operator.get(`${base}/${name}`)).json()) as Record<
      string,
      unknown
    >
    expect(details).toMatchObject({
      id,
      name,
      restartPolicy: { name: 'unless-stopped' },
      limits: { memoryBytes: 64 * 1024 * 1024 },
    })
    expect(details.env).toContain('GREETING=hello')

    expect((await operator.post(`${base}/${id}/stop?t=0`)).status).toBe(204)
    const { stdout } = await docker(h.dockerHost, ['inspect', '-f', '{{.State.Status}}', id])
    expect(stdout.trim()).toBe('exited')
    expect((await operator.delete(`${base}/${id}`)).status).toBe(204)
    await expectApiError(
      await operator.get(`${base}/${id}`),
      404,
      'not_found',
      /no such container/i,
    )
  })

  it('runs lifecycle actions and reports processes and changes', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('life')
    await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sh', '-c', 'touch /made; sleep 300'],
      labels: h.labels,
    })

    expect((await operator.post(`${base}/${name}/pause`)).status).toBe(204)
    expect((await (await operator.get(`${base}/${name}`)).json()) as object).toMatchObject({
      state: { status: 'paused' },
    })
    expect((await operator.post(`${base}/${name}/unpause`)).status).toBe(204)
    const top = (await (await operator.get(`${base}/${name}/top`)).json()) as {
      processes: string[][]
    }
    expect(top.processes.some((p) => p.join(' ').includes('sleep 300'))).toBe(true)
    const changes = (await (await operator.get(`${base}/${name}/changes`)).json()) as {
      path: string
    }[]
    expect(changes.map((c) => c.path)).toContain('/made')
    expect((await operator.post(`${base}/${name}/rename`, { name: `${name}-2` })).status).toBe(204)
    expect((await operator.post(`${base}/${name}-2/kill?signal=SIGKILL`)).status).toBe(204)
    const { stdout } = await docker(h.dockerHost, [
      'inspect',
      '-f',
      '{{.State.ExitCode}}',
      `${name}-2`,
    ])
    expect(stdout.trim()).toBe('137')
  })

  it("keeps the engine's status and message: 404 for an unknown container, 409 for a name in use", async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('dup')
    await operator.post(base, { image: h.fixtureImage, name, labels: h.labels })

    await expectApiError(
      await operator.post(`${base}/${h.uniqueName('missing')}/stop`),
      404,
      'not_found',
      /no such container/i,
    )
    await expectApiError(
      await operator.post(base, { image: h.fixtureImage, name, labels: h.labels }),
      409,
      'conflict',
      /already in use/,
    )
  })

  it('refuses a viewer every change and leaves the container as it was', async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const name = h.uniqueName('view')
    await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      labels: h.labels,
    })

    await expectApiError(await viewer.post(`${base}/${name}/stop`), 403, 'forbidden')
    await expectApiError(await viewer.delete(`${base}/${name}`), 403, 'forbidden')
    await expectApiError(
      await viewer.post(base, { image: h.fixtureImage, labels: h.labels }),
      403,
      'forbidden',
    )
    expect((await viewer.get(`${base}/${name}`)).status).toBe(200)
    const { stdout } = await docker(h.dockerHost, ['inspect', '-f', '{{.State.Status}}', name])
    expect(stdout.trim()).toBe('running')
  })

  it('exports a container filesystem as a tar stream', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('exp')
    await operator.post(base, { image: h.fixtureImage, name, labels: h.labels })

    const res = await operator.get(`${base}/${name}/export`)

    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-tar')
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000)
  })
})
