import { pino } from 'pino'
import type { AuthOptions } from '../src/auth/index.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'
import { HostRegistry } from '../src/hosts/index.ts'
import type { AppServices } from '../src/app-env.ts'
import { createServices } from '../src/services.ts'

/**
 * The services of a small test app, built as the server builds its own (services.ts): the
 * default configuration on a database in `dataDir`, no hosts, a silent logger. `close()` stops
 * the socket timers and closes the database; the caller removes the directory.
 */
export function createTestServices(
  dataDir: string,
  auth: AuthOptions = {},
): AppServices & { close(): void } {
  const config = loadConfig({ HARBORMASTER_DATA_DIR: dataDir, HARBORMASTER_LOG_LEVEL: 'silent' })
  const logger = pino({ level: 'silent' })
  const db = openDatabase(dataDir)
  const hosts = new HostRegistry(logger, { statsMaxStreams: config.statsMaxStreams })
  const services = createServices({ config, logger, db, hosts, auth })
  return {
    ...services,
    close() {
      services.live.stop()
      db.close()
    },
  }
}
