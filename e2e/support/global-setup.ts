import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type PrivateEngine,
  ensureFixtureImages,
  runCommand,
  startPrivateEngine,
  startRegistry,
} from '@harbormaster/testkit'
import type { TestProject } from 'vitest/node'
import startSwarmClusterInBackground from '@harbormaster/testkit/swarm-global-setup'
import { startServerProcess } from './server-process.ts'

export interface StackInfo {
  url: string
  dockerHost: string
  fixtureImage: string
  adminPassword: string
  /** The engine's namespace as the host reaches it (its veth address): ports published there. */
  engineAddress: string
  /** The engine's unix socket, to mount into containers that manage it. */
  engineSocket: string
  /**
   * The same engine over TCP with mutual TLS, as a second host reaches it: its address and the
   * folder of its CA and a client certificate (ca.pem, cert.pem, key.pem).
   */
  tls: { dockerHost: string; certPath: string }
  /**
   * A registry without auth in the engine's namespace, as the engine names it in image
   * references (`127.0.0.1:<port>`); the server reaches it on the veth address.
   */
  registry: string
  /** The engine's network namespace (the ssh:// host journey starts an sshd there). */
  netns: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo
  }
}

const ADMIN_PASSWORD = 'e2e-admin-password'

/**
 * The whole stack, once per run: a private engine, the web app built by Vite, and the server
 * bundled and started the way users start it (apps/server/serve.sh) on a free port.
 */
export default async function setup(project: TestProject) {
  // The three-engine swarm of the swarm journeys starts beside the rest and is awaited by the
  // specs that need it (`swarmCluster()` from the test kit), as in the vitest run.
  const stopSwarmCluster = startSwarmClusterInBackground(project)
  try {
    const stopStack = await startStack(project)
    return async () => {
      try {
        await stopStack()
      } finally {
        await stopSwarmCluster()
      }
    }
  } catch (error) {
    await stopSwarmCluster()
    throw error
  }
}

async function startStack(project: TestProject): Promise<() => Promise<void>> {
  // With TLS comes a veth address: the only way the host reaches ports published in the engine's
  // namespace (the container-image spec serves the dashboard from a container there).
  const engine: PrivateEngine = await startPrivateEngine({ name: 'e2e', tls: true })
  if (!engine.tls) throw new Error('the e2e engine started without its TLS listener')
  await ensureFixtureImages(engine.dockerHost)
  const engineAddress = new URL(engine.tls.dockerHost.replace(/^tcp:/, 'http:')).hostname
  // The image update journey pushes to it. It listens on the veth too: the server, outside the
  // namespace, checks the digests the engine pulled from `127.0.0.1:<port>` there.
  const registry = await startRegistry({
    dir: await mkdtemp(join(tmpdir(), 'hm-e2e-registry-')),
    netns: engine.netns,
    listenEverywhere: true,
  })
  for (const workspace of ['@harbormaster/web', '@harbormaster/server']) {
    // Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: without this the browser
    // journeys would run React's development build instead of the one users get.
    await runCommand('npm', ['run', 'build', '--silent', '-w', workspace], {
      env: { ...process.env, NODE_ENV: 'production' },
    })
  }
  const registryPort = registry.address.split(':')[1] ?? ''
  const server = await startServerProcess(engine.dockerHost, {
    HARBORMASTER_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HARBORMASTER_REGISTRY_ENDPOINTS: `${registry.address}=http://${engineAddress}:${registryPort}`,
  })
  project.provide('stack', {
    url: server.url,
    dockerHost: engine.dockerHost,
    fixtureImage: 'harbormaster-fixture/busybox:1',
    adminPassword: ADMIN_PASSWORD,
    engineAddress,
    engineSocket: engine.socketPath,
    tls: engine.tls,
    registry: registry.address,
    netns: engine.netns,
  })
  return async () => {
    try {
      await server.stop()
    } finally {
      await registry.stop()
      await engine.stop()
    }
  }
}
