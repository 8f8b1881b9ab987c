import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ContainerCreateInput } from '@harbormaster/contract'
import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

/** Each setting that hands over the host, in the form an attacker would send it. */
const SETTINGS: [string, Partial<ContainerCreateInput>][] = [
  ['privileged', { privileged: true }],
  ['networkMode', { networkMode: 'host' }],
  ['pidMode', { pidMode: 'host' }],
  ['ipcMode', { ipcMode: 'host' }],
  ['utsMode', { utsMode: 'host' }],
  ['usernsMode', { usernsMode: 'host' }],
  ['cgroupnsMode', { cgroupnsMode: 'host' }],
  ['capAdd', { capAdd: ['NET_ADMIN'] }],
  ['securityOpt', { securityOpt: ['seccomp=unconfined'] }],
  ['devices', { devices: [{ pathOnHost: '/dev/null', pathInContainer: '/dev/hm-null' }] }],
  ['sysctls', { sysctls: { 'net.ipv4.ip_forward': '1' } }],
  ['runtime', { runtime: 'runc' }],
  ['cgroupParent', { cgroupParent: 'hm-test' }],
  ['volumeDriver', { volumeDriver: 'local' }],
  ['binds', { binds: ['/etc:/host-etc:ro'] }],
  ['binds', { binds: ['/var/run/docker.sock:/var/run/docker.sock'] }],
  ['mounts', { mounts: [{ type: 'bind', source: '/', target: '/host' }] }],
  [
    'ports (host ports below 1024)',
    { ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 80 }] },
  ],
  ['labels (io.harbormaster.*)', { labels: { 'io.harbormaster.owner': 'me' } }],
  [
    'logging (driver gelf)',
    { logging: { driver: 'gelf', options: { 'gelf-address': 'udp://127.0.0.1:12201' } } },
  ],
  ['networks', { networks: [{ name: 'host' }] }],
]

describe('settings a non-admin may not use, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'
  const exists = async (name: string) =>
    (await docker(h.dockerHost, ['ps', '-aq', '--filter', `name=^/${name}$`])).stdout.trim() !== ''

  it.each(SETTINGS)(
    'refuses %s to an operator, names it, and creates nothing',
    async (setting, spec) => {
      const operator = await h.as('operator')
      const name = h.uniqueName('deny')

      const res = await operator.post(base, {
        image: h.fixtureImage,
        name,
        ...spec,
        labels: { ...spec.labels, ...h.labels },
      })

      await expectApiError(res, 403, 'forbidden', new RegExp(setting.replace(/[()*.]/g, '\\$&')))
      expect(await exists(name)).toBe(false)
    },
  )

  it.each(SETTINGS)('lets an admin use %s', async (_setting, spec) => {
    const admin = await h.as('admin')
    const name = h.uniqueName('allow')

    const res = await admin.post(base, {
      image: h.fixtureImage,
      name,
      ...spec,
      labels: { ...spec.labels, ...h.labels },
    })

    expect(res.status, await res.clone().text()).toBe(201)
    expect(await exists(name)).toBe(true)
  })

  it('refuses the engine-style and duplicated spellings with a 400, and creates nothing', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('spell')
    const send = (raw: string) =>
      operator.request('POST', base, { raw, headers: { 'Content-Type': 'application/json' } })
    const image = JSON.stringify(h.fixtureImage)

    await expectApiError(
      await send(`{"image":${image},"name":"${name}","Privileged":true}`),
      400,
      'invalid_request',
      /Privileged/,
    )
    await expectApiError(
      await send(`{"image":${image},"name":"${name}","HostConfig":{"Privileged":true}}`),
      400,
      'invalid_request',
    )
    await expectApiError(
      await send(`{"image":${image},"name":"${name}","privileged":false,"Privileged":true}`),
      400,
      'invalid_request',
      /repeats/,
    )
    await expectApiError(
      await send(`{"image":${image},"name":"${name}","privileged":false,"privileged":true}`),
      400,
      'invalid_request',
      /repeats/,
    )
    await expectApiError(
      await operator.post(`${base}/${name}/update`, { privileged: true }),
      400,
      'invalid_request',
    )
    expect(await exists(name)).toBe(false)
  })

  it('refuses a volume of the local driver with bind options when an operator mounts it', async () => {
    const operator = await h.as('operator')
    const volume = h.uniqueName('bindvol')
    const label = `harbormaster.test-run=${h.runId}`
    await docker(h.dockerHost, [
      'volume',
      'create',
      '--label',
      label,
      '--opt',
      'type=none',
      '--opt',
      'o=bind',
      '--opt',
      'device=/etc',
      volume,
    ])
    const name = h.uniqueName('trick')

    for (const spec of [
      { binds: [`${volume}:/x`] },
      { mounts: [{ type: 'volume', source: volume, target: '/x' }] },
    ]) {
      const res = await operator.post(base, {
        image: h.fixtureImage,
        name,
        labels: h.labels,
        ...spec,
      })
      await expectApiError(res, 403, 'forbidden', /local driver with bind options/)
    }
    expect(await exists(name)).toBe(false)
  })

  it('lets an operator bind a host path under a prefix the admin allowed on this host', async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const dir = mkdtempSync('/tmp/hm-allowed-')
    mkdirSync(join(dir, 'app'))
    try {
      expect((await admin.patch('/api/hosts/local', { allowedBindPrefixes: [dir] })).status).toBe(
        200,
      )

      const allowed = await operator.post(base, {
        image: h.fixtureImage,
        labels: h.labels,
        binds: [`${dir}/app:/app:ro`],
      })
      const outside = await operator.post(base, {
        image: h.fixtureImage,
        labels: h.labels,
        binds: [`${dir}/../../etc:/app`],
      })
      // A read-only path is never written, not even made: a missing one is the engine's 400.
      const missing = await operator.post(base, {
        image: h.fixtureImage,
        labels: h.labels,
        binds: [`${dir}/missing:/app:ro`],
      })

      expect(allowed.status).toBe(201)
      await expectApiError(outside, 403, 'forbidden', /binds/)
      await expectApiError(missing, 400, 'invalid_request', /does not exist/)
      expect(existsSync(join(dir, 'missing'))).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
