import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  docker,
  type LocalRegistry,
  scaled,
  startRegistry,
  testEngine,
} from '@harbormaster/testkit'
import { afterAll, beforeAll, expect } from 'vitest'
import { type Harness, startHarness } from './harness.ts'

/**
 * A harness with a registry of its own, with htpasswd auth, in the engine's network namespace:
 * the engine pushes to and pulls from `address` (127.0.0.1:<port> there), and the server
 * (outside it) reaches the same registry on the namespace's veth address, through
 * HARBORMASTER_REGISTRY_ENDPOINTS. `cli` is the docker CLI with the registry's credentials.
 */
export function startUpdateHarness(env: Record<string, string> = {}) {
  const engine = testEngine()
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const address = `127.0.0.1:${String(port)}`
  const vethAddress = new URL((engine.tls?.dockerHost ?? '').replace(/^tcp:/, 'http:')).hostname
  const login = { username: 'hm-updates', password: 'updates-pass-1' }
  const h = startHarness({
    env: {
      HARBORMASTER_REGISTRY_ENDPOINTS: `${address}=http://${vethAddress}:${String(port)}`,
      ...env,
    },
  })
  let registry: LocalRegistry | undefined
  let cliConfig = ''
  beforeAll(async () => {
    if (engine.netns === undefined) throw new Error('these tests need the private engine')
    registry = await startRegistry({
      dir: await mkdtemp(join(tmpdir(), 'hm-reg-updates-')),
      netns: engine.netns,
      port,
      auth: login,
      listenEverywhere: true,
    })
    cliConfig = await writeCliConfig(address, login)
  })
  afterAll(async () => {
    await registry?.stop()
    await rm(cliConfig, { recursive: true, force: true })
  })
  const cli = (args: string[]) => docker(h.dockerHost, args, { env: { DOCKER_CONFIG: cliConfig } })
  const labelArgs = () =>
    Object.entries(h.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`])

  /**
   * Commits a new image (a file with `content`, and `changes` as `docker commit --change`) under
   * `reference` and pushes it; its repo digest.
   */
  async function pushVersion(reference: string, content: string, changes: string[] = []) {
    const builder = h.uniqueName('builder')
    await cli([
      'run',
      '--name',
      builder,
      ...labelArgs(),
      h.fixtureImage,
      'sh',
      '-c',
      `echo ${content} > /version`,
    ])
    const label = Object.entries(h.labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')
    await cli([
      'commit',
      '--change',
      `LABEL ${label}`,
      ...changes.flatMap((change) => ['--change', change]),
      builder,
      reference,
    ])
    await cli(['rm', builder])
    await cli(['push', reference])
    const digests = (
      await cli(['image', 'inspect', reference, '--format', '{{json .RepoDigests}}'])
    ).stdout
    const digest = (JSON.parse(digests) as string[])
      .map((entry) => entry.split('@')[1])
      .find((entry) => entry !== undefined)
    if (digest === undefined) throw new Error(`no repo digest for ${reference}: ${digests}`)
    return digest
  }

  /** Gives the server the registry's credentials (as an admin). */
  async function setCredentials(hh: Harness = h) {
    const admin = await hh.as('admin')
    const res = await admin.request('PUT', `/api/hosts/local/updates/credentials/${address}`, {
      body: login,
    })
    if (res.status !== 200)
      throw new Error(`credentials: ${String(res.status)} ${await res.text()}`)
  }

  const untilServerKnows = (ids: string[]) => untilListed(h, ids)
  return { h, address, login, cli, labelArgs, pushVersion, setCredentials, untilServerKnows }
}

/** A docker CLI config with the registry's credentials, which the CLI sends as X-Registry-Auth. */
async function writeCliConfig(
  address: string,
  login: { username: string; password: string },
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hm-cli-'))
  const auth = Buffer.from(`${login.username}:${login.password}`).toString('base64')
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [address]: { auth } } }))
  return dir
}

/**
 * Waits until the server's container list holds these ids: a check reads the containers as the
 * server knows them, kept by their events, so a container the CLI just made may not be in yet.
 */
async function untilListed(h: Harness, ids: string[]) {
  const viewer = await h.as('viewer')
  await expect
    .poll(
      async () => {
        const listed = await (await viewer.get('/api/hosts/local/containers?all=true')).text()
        return ids.every((id) => listed.includes(id))
      },
      { timeout: scaled(10_000) },
    )
    .toBe(true)
}
