import { loadConfig } from './config.ts'
import { createLogger } from './platform/logger.ts'
import { startServer } from './server.ts'

const config = loadConfig()
const logger = createLogger(config.logLevel)
const server = await startServer(config, logger)
logger.info(
  {
    url: server.url,
    dataDir: config.dataDir,
    publicUrl: config.publicOrigin,
    allowedHosts: config.allowedHosts.entries,
    trustedProxies: config.trustedProxies.entries,
  },
  'Harbormaster is listening',
)

let stopping = false
function shutdown(signal: string): void {
  // A second signal means "now": the operator is not waiting for the grace period.
  if (stopping) process.exit(1)
  stopping = true
  logger.info({ signal }, 'shutting down: closing live streams and finishing requests')
  void server.close().then(() => {
    logger.info('stopped cleanly; database closed')
    process.exit(0)
  })
}
process.on('SIGTERM', () => {
  shutdown('SIGTERM')
})
process.on('SIGINT', () => {
  shutdown('SIGINT')
})
