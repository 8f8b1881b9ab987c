import { mkdirSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { endpointFromEnv } from '@harbormaster/engine'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { HostRegistry } from './hosts/index.ts'
import { createLogger } from './platform/logger.ts'

const config = loadConfig()
const logger = createLogger(config.logLevel)
mkdirSync(config.dataDir, { recursive: true })

const hosts = new HostRegistry()
hosts.add({ id: 'local', name: 'local', endpoint: endpointFromEnv(config.engineEnv) })

const { app } = createApp({ logger, hosts, webDir: config.webDir })
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.bind }, (info) => {
  logger.info(
    { port: info.port, address: info.address, dataDir: config.dataDir },
    'Harbormaster is listening',
  )
})

function shutdown(signal: string): void {
  logger.info({ signal }, 'shutting down')
  server.close(() => {
    hosts.close()
    process.exit(0)
  })
}
process.once('SIGTERM', () => {
  shutdown('SIGTERM')
})
process.once('SIGINT', () => {
  shutdown('SIGINT')
})
