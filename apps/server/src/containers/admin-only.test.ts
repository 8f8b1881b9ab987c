import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ContainerCreateInput } from '@harbormaster/contract'
import { TEST_LABEL, docker } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { type LiveClient, UpgradeRefused, commandParam, openLive } from '../../test/live-client.ts'

interface Entry {
  action: string
  target: string | null
  status: number
}

const refusedStatus = (promise: Promise<LiveClient>) =>
  promise.then(
    (live) => {
      live.ws.close()
      return 0
    },
    (err: unknown) => (err instanceof UpgradeRefused ? err.status : -1),
  )

describe('containers with admin-only settings, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'
  const allowedDir = mkdtempSync(join(tmpdir(), 'hm-allowed-'))
  afterAll(() => {
    rmSync(allowedDir, { recursive: true, force: true })
  })

  /** Creates (and, unless told, starts) a container as the given client; returns its name. */
  const create = async (
    client: ApiClient,
    spec: Partial<ContainerCreateInput>,
    start = true,
  ): Promise<string> => {
    const name = h.uniqueName('ao')
    const res = await client.post(`${base}?start=${String(start)}`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      ...spec,
      labels: { ...spec.labels, ...h.labels },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return name
  }
  const adminOnlyOf = async (client: ApiClient, name: string) =>
    ((await (await client.get(`${base}/${name}`)).json()) as { adminOnly: string[] }).adminOnly
  const execIds = async (name: string) =>
    (await docker(h.dockerHost, ['inspect', '-f', '{{json .ExecIDs}}', name])).stdout.trim()

  /** A volume carrying the run label (so it is cleaned up), with these driver options. */
  const volume = async (...options: string[]) => {
    const name = h.uniqueName('aovol')
    const opts = options.flatMap((o) => ['--opt', o])
    await docker(h.dockerHost, [
      'volume',
      'create',
      '--label',
      `${TEST_LABEL}=${h.runId}`,
      ...opts,
      name,
    ])
    return name
  }

  /** Each class, as an admin creates it; privileged cannot start here (no CAP_SYS_MODULE). */
  const CLASSES: [string, RegExp, () => Promise<Partial<ContainerCreateInput>>, boolean][] = [
    ['privileged', /privileged/, () => Promise.resolve({ privileged: true }), false],
    [
      'a host path operators may not bind',
      /mounts \(\/etc\)/,
      () => Promise.resolve({ binds: ['/etc:/host/etc:ro'] }),
      true,
    ],
    [
      "the engine's socket",
      /mounts \(.*docker\.sock\)/,
      () =>
        Promise.resolve({
          binds: [`${h.dockerHost.replace(/^unix:\/\//, '')}:/var/run/docker.sock`],
        }),
      true,
    ],
    [
      'the host pid namespace',
      /pidMode \(host\)/,
      () => Promise.resolve({ pidMode: 'host' }),
      true,
    ],
    [
      'an added capability',
      /capAdd \(NET_ADMIN\)/,
      () => Promise.resolve({ capAdd: ['NET_ADMIN'] }),
      true,
    ],
    [
      'a volume with o=bind device=/etc',
      /volume ".*" \(local driver with bind options\)/,
      async () => ({
        mounts: [
          {
            type: 'volume',
            source: await volume('type=none', 'o=bind', 'device=/etc'),
            target: '/x',
          },
        ],
      }),
      true,
    ],
  ]

  it.each(CLASSES)(
    'an operator may not exec, type into, read or write a container with %s (an admin may); the reason is on its details',
    async (_class, reason, spec, start) => {
      const admin = await h.as('admin')
      const operator = await h.as('operator')
      const name = await create(admin, { ...(await spec()), openStdin: true }, start)

      expect(await adminOnlyOf(operator, name)).toEqual([expect.stringMatching(reason)])
      expect(await refusedStatus(openLive(operator, `${base}/${name}/exec`))).toBe(403)
      expect(await refusedStatus(openLive(operator, `${base}/${name}/attach`))).toBe(403)
      for (const res of [
        await operator.get(`${base}/${name}/exec?cmd=${commandParam('id')}`),
        await operator.get(`${base}/${name}/attach?stdin=true`),
        await operator.get(`${base}/${name}/files?path=/etc`),
        await operator.get(`${base}/${name}/files/download?path=/etc/passwd`),
        await operator.request('PUT', `${base}/${name}/files?path=/tmp&name=x.sh`, { raw: 'id\n' }),
      ]) {
        await expectApiError(res, 403, 'forbidden', reason)
      }
      expect(await execIds(name)).toBe('null')
      const { stdout } = await docker(h.dockerHost, ['diff', name])
      expect(stdout).not.toContain('/tmp/x.sh')
      if (!start) return
      // Admins are not held back.
      const live = await openLive(admin, `${base}/${name}/exec?cmd=${commandParam('sh')}`)
      live.ws.send(Buffer.from('echo in-$((40+2))\n'))
      await live.waitFor((l) => l.output().includes('in-42'))
      live.ws.close()
    },
  )

  it('records the refusals in the audit log', async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const name = await create(admin, { capAdd: ['NET_ADMIN'] })

    await operator.get(`${base}/${name}/exec`)
    await operator.request('PUT', `${base}/${name}/files?path=/tmp&name=x`, { raw: 'x' })

    const page = (await (await admin.get('/api/audit?limit=50')).json()) as { entries: Entry[] }
    const mine = page.entries.filter((e) => e.target === name)
    expect(mine.map((e) => [e.action, e.status]).sort()).toEqual([
      ['container.exec', 403],
      ['container.files.upload', 403],
    ])
  })

  it("lets an operator watch an admin-only container's output, with no way to type into it", async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const name = await create(admin, {
      capAdd: ['NET_ADMIN'],
      openStdin: true,
      cmd: ['sh', '-c', 'while true; do echo tick; sleep 1; done'],
    })

    const live = await openLive(operator, `${base}/${name}/attach?stdin=false`)
    await live.waitFor((l) => l.output().includes('tick'))
    live.ws.send(Buffer.from('typed\n'))

    expect((await live.closed).code).toBe(1008)
    const { stdout } = await docker(h.dockerHost, ['inspect', '-f', '{{.State.Running}}', name])
    expect(stdout.trim()).toBe('true')
  })

  it('flags nothing on plain containers, harmless settings, allowed host paths, low ports or our labels', async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    expect(
      (await admin.patch('/api/hosts/local', { allowedBindPrefixes: [allowedDir] })).status,
    ).toBe(200)
    const plain = await create(operator, {})
    const harmless = await create(operator, {
      securityOpt: ['no-new-privileges'],
      binds: [`${await volume()}:/data`, `${allowedDir}:/shared:ro`],
      ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 0 }],
      networkMode: 'bridge',
    })
    const adminMade = await create(
      admin,
      {
        ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 80 }],
        labels: { 'io.harbormaster.owner': 'someone' },
      },
      false,
    )

    for (const name of [plain, harmless, adminMade]) {
      expect(await adminOnlyOf(operator, name), name).toEqual([])
      expect((await operator.get(`${base}/${name}/files?path=/`)).status).toBe(200)
    }
    for (const name of [plain, harmless]) {
      const live = await openLive(operator, `${base}/${name}/exec?cmd=${commandParam('sh')}`)
      live.ws.send(Buffer.from('echo ok-$((1+1))\n'))
      await live.waitFor((l) => l.output().includes('ok-2'))
      live.ws.close()
    }
  })
})
