import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

const h = startHarness()
const base = '/api/hosts/local/containers'

const inspect = async (name: string, format: string) =>
  (await docker(h.dockerHost, ['inspect', '--format', format, name])).stdout.trim()

describe('POST /containers with the settings compose files use', () => {
  it('lets an operator create with networks, a healthcheck, limits, logging and mount options', async () => {
    const operator = await h.as('operator')
    const [front, back] = [h.uniqueName('front'), h.uniqueName('back')]
    for (const network of [front, back]) {
      const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)[0] ?? ''
      await docker(h.dockerHost, ['network', 'create', '--label', label, network])
    }
    const name = h.uniqueName('compose-like')

    const res = await operator.post(base, {
      image: h.fixtureImage,
      name,
      labels: h.labels,
      cmd: ['sleep', '300'],
      networks: [
        { name: front, aliases: ['web'] },
        { name: back, aliases: ['api'] },
      ],
      healthcheck: { test: ['CMD', 'true'], intervalNs: 2_000_000_000, retries: 2 },
      ulimits: [{ name: 'nofile', soft: 1024, hard: 2048 }],
      logging: { driver: 'json-file', options: { 'max-size': '1m' } },
      memoryReservationBytes: 64 * 1024 * 1024,
      stopTimeout: 3,
      mounts: [
        { type: 'tmpfs', target: '/scratch', tmpfsSizeBytes: 1024 * 1024, tmpfsMode: 0o700 },
      ],
    })

    expect(res.status, await res.clone().text()).toBe(201)
    const aliases = (network: string) =>
      inspect(name, `{{json (index .NetworkSettings.Networks "${network}").Aliases}}`)
    expect(JSON.parse(await aliases(front))).toContain('web')
    expect(JSON.parse(await aliases(back))).toContain('api')
    expect(
      await inspect(name, '{{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Retries}}'),
    ).toBe('["CMD","true"] 2')
    expect(await inspect(name, '{{json .HostConfig.Ulimits}}')).toBe(
      '[{"Name":"nofile","Hard":2048,"Soft":1024}]',
    )
    expect(
      await inspect(
        name,
        '{{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config "max-size"}}',
      ),
    ).toBe('json-file 1m')
    expect(await inspect(name, '{{.HostConfig.MemoryReservation}} {{.Config.StopTimeout}}')).toBe(
      '67108864 3',
    )
    expect(
      await inspect(
        name,
        '{{range .HostConfig.Mounts}}{{.Target}} {{.TmpfsOptions.SizeBytes}}{{end}}',
      ),
    ).toBe('/scratch 1048576')
  })

  it('refuses networks together with networkMode, with a 400', async () => {
    const operator = await h.as('operator')

    const res = await operator.post(base, {
      image: h.fixtureImage,
      labels: h.labels,
      networkMode: 'bridge',
      networks: [{ name: 'bridge' }],
    })

    expect(res.status).toBe(400)
  })
})
