import { loadConfig } from './config.ts'
import { createLogger } from './platform/logger.ts'
import { startServer } from './server.ts'

const config = loadConfig()
const logger = createLogger(config.logLevel)
const server = await startServer(config, logger)
logger.info({ url: server.url, dataDir: config.dataDir }, 'Harbormaster is listening')

function shutdown(signal: string): void {
  logger.info({ signal }, 'shutting down')
  void server.close().then(() => process.exit(0))
}
process.once('SIGTERM', () => {
  shutdown('SIGTERM')
})
process.once('SIGINT', () => {
  shutdown('SIGINT')
})
