import type { Capsule, CapsuleList, LogRetentionList } from '@harbormaster/contract'
import { docker, scaled } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, signIn, startHarness } from '../../../test/harness.ts'
import type { ApiClient } from '../../../test/api-client.ts'
import { LOG_GONE_NOTE } from './read-snapshot.ts'

const H = '/api/hosts/local'

/** Crash capsules on the real engine: made at `die`, kept across restarts, scoped like containers. */
describe('crash capsules', () => {
  const h = startHarness()
  /** `docker run` of one of this file's containers: named, labelled, on the fixture image. */
  const runContainer = (
    name: string,
    flags: string[],
    command: string[],
    labels: Record<string, string> = {},
  ) =>
    docker(h.dockerHost, [
      'run',
      ...flags,
      '--name',
      name,
      ...Object.entries({ ...h.labels, ...labels }).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      h.fixtureImage,
      ...command,
    ])
  const capsulesOf = async (client: ApiClient, name: string) => {
    const res = await client.get(`${H}/capsules?name=${name}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as CapsuleList).capsules
  }
  const waitForCapsule = async (name: string): Promise<Capsule> => {
    const admin = await h.as('admin')
    made.push(name)
    await expect
      .poll(async () => (await capsulesOf(admin, name)).length, { timeout: scaled(30_000) })
      .toBeGreaterThan(0)
    const [summary] = await capsulesOf(admin, name)
    const res = await admin.get(`${H}/capsules/${summary?.id ?? ''}`)
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as Capsule
  }
  /** Names of the containers this file made capsules of. */
  const made: string[] = []
  const texts = (capsule: Capsule) => capsule.log.map((line) => line.text)
  const thousandLines = 'seq 1000; exit 2'

  it('keeps the exit code and the last 500 lines of an --rm container that printed 1,000, or says why not', async () => {
    const name = h.uniqueName('rm')
    await runContainer(
      name,
      ['--rm', '-e', 'API_TOKEN=s3cret-value'],
      ['sh', '-c', thousandLines],
    ).catch(() => undefined)
    const capsule = await waitForCapsule(name)
    expect(capsule).toMatchObject({ name, reason: 'exit', exitCode: 2, oomKilled: false })
    if (capsule.logSource === 'engine') {
      expect(texts(capsule)).toHaveLength(500)
      expect(texts(capsule)[0]).toBe('501')
      expect(texts(capsule).at(-1)).toBe('1000')
    } else {
      expect(capsule.logSource).toBe('none')
      // Said whole when it fails: which path lost the log (seen once in a full run).
      const said = { ...capsule, log: capsule.log.length, inspect: capsule.inspect !== null }
      expect(capsule.notes, JSON.stringify(said)).toContain(LOG_GONE_NOTE)
    }
    // The image and its digest (an imported fixture has none: the list is empty, not missing).
    expect(capsule.image).toBe(h.fixtureImage)
    expect(capsule.imageId).toMatch(/^sha256:/)
    expect(Array.isArray(capsule.imageDigests)).toBe(true)
    // The inspect is stored masked as for viewers, whoever reads it.
    expect(JSON.stringify(capsule.inspect)).not.toContain('s3cret-value')
    expect(JSON.stringify(capsule.inspect)).toContain('API_TOKEN=[masked]')
  })

  it('with log retention on for its label, holds the lines whatever the race', async () => {
    const operator = await h.as('operator')
    const label = `hm-capsule-retain=${h.runId}`
    await expectApiError(
      await operator.post(`${H}/log-retention`, { match: 'label', value: 'a b' }),
      400,
      'invalid_request',
      /value/,
    )
    await expectApiError(
      await (await h.as('viewer')).post(`${H}/log-retention`, { match: 'label', value: label }),
      403,
      'forbidden',
    )
    const rule = await operator.post(`${H}/log-retention`, { match: 'label', value: label })
    expect(rule.status, await rule.clone().text()).toBe(201)
    const name = h.uniqueName('kept')
    // It waits for a file before printing, so the test can wait until the server follows it.
    const run = runContainer(
      name,
      ['--rm'],
      ['sh', '-c', `while [ ! -f /tmp/go ]; do sleep 0.05; done; ${thousandLines}`],
      { 'hm-capsule-retain': h.runId },
    ).catch(() => undefined)
    await expect
      .poll(
        async () =>
          ((await (await operator.get(`${H}/log-retention`)).json()) as LogRetentionList).following,
        { timeout: scaled(30_000) },
      )
      .toContain(name)
    await docker(h.dockerHost, ['exec', name, 'touch', '/tmp/go'])
    await run
    const capsule = await waitForCapsule(name)
    expect(capsule).toMatchObject({ name, reason: 'exit', exitCode: 2 })
    expect(['engine', 'retention']).toContain(capsule.logSource)
    expect(texts(capsule)).toHaveLength(500)
    expect(texts(capsule).at(-1)).toBe('1000')
    expect(h.server.services.capsules.following('local')).toEqual([])
    const audit = await (await (await h.as('admin')).get('/api/audit?limit=20')).json()
    expect(JSON.stringify(audit)).toContain('log-retention.add')
  })

  it('marks a container killed by its memory limit as OOM', async () => {
    const name = h.uniqueName('oom')
    // The kernel kills the memory hog, the biggest process of the limited cgroup. Were it the
    // main process, the cgroup would go at once and the engine could miss the OOM itself (no
    // `oom` event, State.OOMKilled false: seen under load). It is exec'd once `docker run -d`
    // has returned: containerd's shim watches the cgroup's memory.events only from the task's
    // start, and a hog in the container's own command could be killed before, told by nobody.
    // The container is ended once the engine has told of the kill: a run that had an OOM kill
    // is marked so, whatever ended it.
    await runContainer(name, ['-d', '--memory', '8m', '--memory-swap', '8m'], ['sleep', '3600'])
    await docker(h.dockerHost, ['exec', '-d', name, 'sh', '-c', 'x=a; while :; do x=$x$x; done'])
    // Asked of the engine's own record: its `oom` events so far (`--until` now ends the read).
    const since = String(Math.floor(Date.now() / 1000) - 60)
    const oomEvents = async () => {
      const until = String(Math.ceil(Date.now() / 1000))
      const filters = ['--filter', `container=${name}`, '--filter', 'event=oom']
      const args = ['events', '--since', since, '--until', until, ...filters]
      return (await docker(h.dockerHost, [...args, '--format', '{{.Action}}'])).stdout.trim()
    }
    await expect.poll(oomEvents, { timeout: scaled(30_000) }).toContain('oom')
    // Not an exec: the cgroup may still be at its limit, and the kernel kill the exec'd process.
    await docker(h.dockerHost, ['kill', name])
    const capsule = await waitForCapsule(name)
    expect(capsule).toMatchObject({ name, reason: 'oom', oomKilled: true })
    expect(capsule.logSource).toBe('engine')
  })

  it('keeps a stopped and removed container as "removed", not as a crash', async () => {
    const name = h.uniqueName('stopped')
    await runContainer(name, ['-d'], ['sh', '-c', 'echo ready; exec sleep 3600'])
    await docker(h.dockerHost, ['stop', '-t', '0', name])
    await h.server.services.capsules.settled()
    expect(await capsulesOf(await h.as('admin'), name)).toEqual([])
    await docker(h.dockerHost, ['rm', name])
    const capsule = await waitForCapsule(name)
    expect(capsule).toMatchObject({ name, reason: 'removed' })
    expect(texts(capsule)).toEqual(['ready'])
  })

  it('narrows capsules to the caller’s label scope; a viewer sees env names, not values', async () => {
    const admin = await h.as('admin')
    const username = h.uniqueName('team-b')
    const created = await admin.post('/api/users', {
      username,
      password: 'viewer-password-1',
      role: 'viewer',
      hostGrants: [{ hostId: 'local', role: 'viewer', labelScope: 'team=b' }],
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const otherTeam = await signIn(h, username, 'viewer-password-1')
    const all = (await (await admin.get(`${H}/capsules?limit=500`)).json()) as CapsuleList
    const ours = all.capsules.filter((c) => made.includes(c.name))
    expect(ours.length).toBeGreaterThan(0)
    const seen = (await (await otherTeam.get(`${H}/capsules?limit=500`)).json()) as CapsuleList
    expect(seen.capsules.filter((c) => ours.some((o) => o.id === c.id))).toEqual([])
    await expectApiError(
      await otherTeam.get(`${H}/capsules/${ours[0]?.id ?? ''}`),
      404,
      'not_found',
    )
    const viewer = await h.as('viewer')
    const withEnv = ours.find((c) => c.name === made[0])?.id ?? ''
    const mine = (await (await viewer.get(`${H}/capsules/${withEnv}`)).json()) as Capsule
    const env = (mine.inspect?.Config as { Env?: string[] } | undefined)?.Env ?? []
    expect(env.length).toBeGreaterThan(0)
    expect(env.every((entry) => entry.endsWith('=[masked]'))).toBe(true)
    await expectApiError(
      await viewer.request('DELETE', `${H}/capsules/${ours[0]?.id ?? ''}`),
      403,
      'forbidden',
    )
  })

  it('keeps a scoped operator’s retention rule inside their scope, and hides the others’', async () => {
    const scoped = await h.operatorScopedTo('team=b')
    const res = await scoped.post(`${H}/log-retention`, { match: 'name', value: 'web-1' })
    expect(res.status, await res.clone().text()).toBe(201)
    expect(await res.json()).toMatchObject({ match: 'name', value: 'web-1', scope: 'team=b' })
    const theirs = (await (await scoped.get(`${H}/log-retention`)).json()) as LogRetentionList
    expect(theirs.rules.map((r) => r.scope)).toEqual(['team=b'])
    const all = (await (
      await (await h.as('admin')).get(`${H}/log-retention`)
    ).json()) as LogRetentionList
    const unscoped = all.rules.find((r) => r.scope === null)
    expect(unscoped).toBeDefined()
    await expectApiError(
      await scoped.request('DELETE', `${H}/log-retention/${unscoped?.id ?? ''}`),
      404,
      'not_found',
    )
  })

  it('keeps a container that exited 0 and was removed while the server was down as "removed"', async () => {
    const name = h.uniqueName('gone')
    await runContainer(name, [], ['sh', '-c', 'echo done'])
    await h.server.services.capsules.settled()
    await h.restart(async () => {
      await docker(h.dockerHost, ['rm', name])
    })
    made.push(name)
    await expect
      .poll(
        async () => {
          const res = await (
            await h.as('admin')
          )
            .get(`${H}/capsules?name=${name}`)
            .catch(() => undefined)
          if (res?.status !== 200) return undefined
          return ((await res.json()) as CapsuleList).capsules.map((c) => c.reason)
        },
        { timeout: scaled(30_000) },
      )
      .toEqual(['removed'])
  })

  it('survives a server restart, and operators delete one (audited)', async () => {
    const admin = await h.as('admin')
    // Only this file's: other files' containers die on the same engine meanwhile, and this
    // server keeps their capsules too.
    const ours = (list: CapsuleList) => list.capsules.filter((c) => made.includes(c.name))
    const before = ours((await (await admin.get(`${H}/capsules?limit=500`)).json()) as CapsuleList)
    expect(before.length).toBeGreaterThan(0)
    await h.restart()
    // The client's keep-alive socket to the old server may fail once: ask until it answers.
    await expect
      .poll(
        async () => {
          const res = await admin.get(`${H}/capsules?limit=500`).catch(() => undefined)
          return res?.status === 200 ? ours((await res.json()) as CapsuleList) : undefined
        },
        { timeout: scaled(20_000) },
      )
      .toEqual(before)
    const operator = await h.as('operator')
    const first = before[0]?.id ?? ''
    const res = await operator.request('DELETE', `${H}/capsules/${first}`)
    expect(res.status, await res.clone().text()).toBe(204)
    await expectApiError(await admin.get(`${H}/capsules/${first}`), 404, 'not_found')
    const audit = JSON.stringify(await (await admin.get('/api/audit?limit=20')).json())
    expect(audit).toContain('capsule.delete')
    expect(audit).toContain(first)
  })
})
