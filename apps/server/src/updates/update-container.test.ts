import type { ContainerImageUpdateResult } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../test/harness.ts'
import { startUpdateHarness } from '../../test/update-registry.ts'

const { h, address, cli, labelArgs, pushVersion, setCredentials } = startUpdateHarness({
  HARBORMASTER_UPDATE_HEALTH_TIMEOUT_SECONDS: '60',
})

interface Inspect {
  Id: string
  Name: string
  Image: string
  Config: Record<string, unknown>
  HostConfig: Record<string, unknown>
  NetworkSettings: { Networks: Record<string, Record<string, unknown>> }
}

async function inspect(id: string): Promise<Inspect> {
  const [details] = JSON.parse((await cli(['inspect', id])).stdout) as Inspect[]
  if (details === undefined) throw new Error(`no container ${id}`)
  return details
}

/** What must survive an update: everything but ids, times, the image and what the engine made. */
function configuration(details: Inspect) {
  const config = Object.fromEntries(
    Object.entries(details.Config).filter(([key]) => key !== 'Image' && key !== 'Hostname'),
  )
  const networks = Object.fromEntries(
    Object.entries(details.NetworkSettings.Networks).map(([name, endpoint]) => [
      name,
      {
        aliases: ((endpoint.Aliases ?? []) as string[]).filter(
          (alias) => !details.Id.startsWith(alias),
        ),
        ipam: endpoint.IPAMConfig,
        // The address only when it was asked for (static): the engine picks the others anew.
        ip: endpoint.IPAMConfig === null ? undefined : endpoint.IPAddress,
      },
    ]),
  )
  return { name: details.Name, config, hostConfig: details.HostConfig, networks }
}

async function repoDigestsOf(imageId: string): Promise<string[]> {
  return JSON.parse(
    (await cli(['image', 'inspect', imageId, '--format', '{{json .RepoDigests}}'])).stdout,
  ) as string[]
}

describe('Update', () => {
  it('recreates a container on the new digest with identical configuration, once healthy', async () => {
    await setCredentials()
    const operator = await h.as('operator')
    const reference = `${address}/${h.uniqueName('app')}:1`
    await pushVersion(reference, '1')
    const third = Math.floor(Math.random() * 50) + 200
    const network = h.uniqueName('net')
    await cli([
      'network',
      'create',
      ...labelArgs(),
      '--subnet',
      `192.168.${String(third)}.0/24`,
      network,
    ])
    const second = h.uniqueName('net2')
    await cli(['network', 'create', ...labelArgs(), second])
    const volume = h.uniqueName('vol')
    await cli(['volume', 'create', ...labelArgs(), volume])
    const name = h.uniqueName('updated')
    await cli([
      'run',
      '-d',
      '--name',
      name,
      ...labelArgs(),
      '--label',
      'team=blue',
      '--env',
      'MODE=production',
      '--mount',
      `type=volume,source=${volume},target=/data`,
      '--tmpfs',
      '/scratch:size=1m',
      '--network',
      network,
      '--network-alias',
      'api',
      '--ip',
      `192.168.${String(third)}.42`,
      '--restart',
      'unless-stopped',
      '--stop-timeout',
      '1',
      '--memory',
      '64m',
      '--cpu-shares',
      '512',
      '--health-cmd',
      'test -f /version',
      '--health-interval',
      '1s',
      '--health-retries',
      '3',
      reference,
      'sleep',
      '3600',
    ])
    await cli(['network', 'connect', '--alias', 'second-alias', second, name])
    const before = await inspect(name)
    const newDigest = await pushVersion(reference, '2')
    // The engine has the new image under the tag now; give the tag back the old one, as on a host
    // that has not pulled since.
    await cli(['tag', before.Image, reference])

    const res = await operator.post(`/api/hosts/local/updates/containers/${name}`)
    expect(res.status, await res.clone().text()).toBe(200)
    const result = (await res.json()) as ContainerImageUpdateResult
    expect(result).toMatchObject({
      outcome: 'updated',
      name,
      image: reference,
      previousImageId: before.Image,
    })
    const after = await inspect(name)
    expect(after.Id).toBe(result.containerId)
    expect(after.Id).not.toBe(before.Id)
    expect(after.Image).toBe(result.imageId)
    expect(await repoDigestsOf(after.Image)).toContain(
      `${reference.replace(/:1$/, '')}@${newDigest}`,
    )
    expect(configuration(after)).toEqual(configuration(before))
    expect((await cli(['ps', '-a', '--filter', `id=${before.Id}`, '-q'])).stdout.trim()).toBe('')
    const state = JSON.parse(
      (await cli(['inspect', '--format', '{{json .State}}', name])).stdout,
    ) as {
      Running: boolean
      Health: { Status: string }
    }
    expect(state).toMatchObject({ Running: true, Health: { Status: 'healthy' } })
  })

  it('rolls back to the old container when the new image turns unhealthy, and says so', async () => {
    await setCredentials()
    const operator = await h.as('operator')
    const reference = `${address}/${h.uniqueName('app')}:1`
    const healthy = ['HEALTHCHECK --interval=1s --retries=1 CMD true']
    await pushVersion(reference, '1', healthy)
    const name = h.uniqueName('rollback')
    await cli([
      'run',
      '-d',
      '--name',
      name,
      ...labelArgs(),
      '--stop-timeout',
      '1',
      reference,
      'sleep',
      '3600',
    ])
    const before = await inspect(name)
    await pushVersion(reference, '2', ['HEALTHCHECK --interval=1s --retries=1 CMD false'])
    await cli(['tag', before.Image, reference])

    const res = await operator.post(`/api/hosts/local/updates/containers/${name}`)
    expect(res.status, await res.clone().text()).toBe(200)
    const result = (await res.json()) as ContainerImageUpdateResult
    expect(result).toMatchObject({
      outcome: 'rolled-back',
      containerId: before.Id,
      reason: 'the new container is unhealthy',
    })
    const after = await inspect(name)
    expect(after.Id).toBe(before.Id)
    expect(after.Image).toBe(before.Image)
    expect(configuration(after)).toEqual(configuration(before))
    const running = (await cli(['inspect', '--format', '{{.State.Running}}', name])).stdout.trim()
    expect(running).toBe('true')
    expect(
      (await cli(['ps', '-a', '--filter', `name=${name}`, '--format', '{{.Names}}'])).stdout.trim(),
    ).toBe(name)
  })

  it('refuses an operator a container with admin-only settings, before pulling anything', async () => {
    const operator = await h.as('operator')
    const reference = `${address}/${h.uniqueName('app')}:1`
    await pushVersion(reference, '1')
    const name = h.uniqueName('privileged')
    await cli(['create', '--name', name, ...labelArgs(), '--privileged', reference, 'true'])
    await expectApiError(
      await operator.post(`/api/hosts/local/updates/containers/${name}`),
      403,
      'forbidden',
      /privileged/,
    )
  })
})
