import {
  type PrivateEngine,
  ensureFixtureImages,
  runCommand,
  startPrivateEngine,
} from '@harbormaster/testkit'
import type { TestProject } from 'vitest/node'
import { startServerProcess } from './server-process.ts'

export interface StackInfo {
  url: string
  dockerHost: string
  fixtureImage: string
  adminPassword: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo
  }
}

const ADMIN_PASSWORD = 'e2e-admin-password'

/**
 * The whole stack, once per run: a private engine, the web app built by Vite, and the server
 * started the way users start it (node apps/server/src/main.ts) on a free port.
 */
export default async function setup(project: TestProject) {
  const engine: PrivateEngine = await startPrivateEngine({ name: 'e2e' })
  await ensureFixtureImages(engine.dockerHost)
  await runCommand('npm', ['run', 'build', '--silent', '-w', '@harbormaster/web'], {
    env: { ...process.env },
  })
  const server = await startServerProcess(engine.dockerHost, {
    HARBORMASTER_ADMIN_PASSWORD: ADMIN_PASSWORD,
  })
  const url = server.url
  project.provide('stack', {
    url,
    dockerHost: engine.dockerHost,
    fixtureImage: 'harbormaster-fixture/busybox:1',
    adminPassword: ADMIN_PASSWORD,
  })
  return async () => {
    await server.stop()
    await engine.stop()
  }
}
