import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { removeAllTestObjects } from './cleanup.ts'
import { ensureFixtureImages, FIXTURE_IMAGE } from './fixture-images.ts'
import { type PodmanService, startPodmanService } from './podman-service.ts'
import { startPrivateEngine, type PrivateEngine } from './private-engine.ts'
import { type LocalRegistry, startRegistry } from './registry.ts'
import type { TestEngineInfo } from './test-engine-info.ts'

/** Points the run at an existing engine instead of starting a private one. */
export const EXTERNAL_ENGINE_VARIABLE = 'HARBORMASTER_TEST_DOCKER_HOST'

/** A unix:// address (or a plain socket path) to the socket path. */
function socketPathOf(dockerHost: string): string {
  const path = dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : dockerHost
  if (!path.startsWith('/')) {
    throw new Error(`${EXTERNAL_ENGINE_VARIABLE} must be unix:///path or /path, got ${dockerHost}`)
  }
  return path
}

/** What the run's shared engine is, and how to stop it. */
interface SharedEngine {
  info: TestEngineInfo
  podman: PodmanService
  stop(): Promise<void>
}

/** The engine, once per process however many projects list this setup (engine, swarm). */
interface SharedEngineSlot {
  users: number
  started: Promise<SharedEngine>
}

const SLOT = Symbol.for('harbormaster.testkit.shared-engine')

/**
 * Vitest global setup: one private TLS engine for the whole run (or the engine named by
 * HARBORMASTER_TEST_DOCKER_HOST, which is never stopped), with the fixture image on it, and one
 * registry on loopback beside it (in its network namespace), shared by the run's pull tests.
 * Teardown removes every test-labelled object and stops the registry and engine it started.
 * Each project loads its global setups apart, so the engine is kept on `globalThis`: the projects
 * of one run share it, and the last one's teardown stops it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const slots = globalThis as { [SLOT]?: SharedEngineSlot | undefined }
  const slot = (slots[SLOT] ??= { users: 0, started: startSharedEngine() })
  slot.users++
  const shared = await slot.started
  project.provide('testEngine', shared.info)
  project.provide('testPodman', shared.podman.info)
  return async () => {
    slot.users--
    if (slot.users > 0) return
    slots[SLOT] = undefined
    await shared.stop()
  }
}

/** The engine and, in parallel, the run's Podman service (a few seconds, overlapped). */
async function startSharedEngine(): Promise<SharedEngine> {
  const [engine, podman] = await Promise.allSettled([startEngine(), startPodmanService()])
  if (engine.status === 'fulfilled' && podman.status === 'fulfilled') {
    const stop = () => Promise.all([engine.value.stop(), podman.value.stop()]).then(() => undefined)
    return { info: engine.value.info, podman: podman.value, stop }
  }
  if (engine.status === 'fulfilled') await engine.value.stop()
  if (podman.status === 'fulfilled') await podman.value.stop()
  throw engine.status === 'rejected' ? engine.reason : (podman as PromiseRejectedResult).reason
}

async function startEngine(): Promise<Omit<SharedEngine, 'podman'>> {
  const external = process.env[EXTERNAL_ENGINE_VARIABLE]
  let engine: PrivateEngine | undefined
  let info: TestEngineInfo
  if (external !== undefined && external !== '') {
    const socketPath = socketPathOf(external)
    info = { socketPath, dockerHost: `unix://${socketPath}`, fixtureImage: FIXTURE_IMAGE }
  } else {
    engine = await startPrivateEngine({ name: 'shared', tls: true })
    info = {
      socketPath: engine.socketPath,
      dockerHost: engine.dockerHost,
      fixtureImage: FIXTURE_IMAGE,
    }
    if (engine.tls !== undefined) info.tls = engine.tls
    info.netns = engine.netns
  }
  let registry: LocalRegistry | undefined
  try {
    await ensureFixtureImages(info.dockerHost)
    registry = await startRegistry({
      dir: engine ? join(engine.stateDir, 'registry') : await mkdtemp(join(tmpdir(), 'hm-reg-')),
      netns: engine?.netns,
    })
    info.registry = registry.address
  } catch (error) {
    await engine?.stop()
    throw error
  }
  const stop = async () => {
    try {
      await removeAllTestObjects(info.dockerHost)
    } finally {
      await registry?.stop()
      await engine?.stop()
    }
  }
  return { info, stop }
}
