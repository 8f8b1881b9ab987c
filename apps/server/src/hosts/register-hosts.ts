import { endpointFromEnv } from '@harbormaster/engine'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import { syncDeclaredHosts } from './declared-hosts.ts'
import { HostRegistry } from './host-registry.ts'
import { HostStore } from './host-store.ts'

/**
 * Loads the stored hosts into a registry. The `local` host exists out of the box: it is stored
 * on first start with the engine named by DOCKER_HOST (default the local socket). Hosts named in
 * HARBORMASTER_HOSTS are created, or their address and TLS brought back to the declared ones,
 * at every start: the deployment's configuration wins over edits made in the UI. So does
 * DOCKER_API_VERSION, which pins the local host's API version.
 */
export function registerHosts(db: Db, config: Config, logger: Logger): HostRegistry {
  const store = new HostStore(db)
  if (!store.get('local')) {
    const endpoint = endpointFromEnv(config.engineEnv)
    store.create({
      id: 'local',
      name: 'local',
      address: endpoint.host,
      ...(endpoint.tls
        ? {
            tls: {
              verify: endpoint.tls.verify ?? true,
              ...(endpoint.tls.ca ? { ca: endpoint.tls.ca.toString() } : {}),
              ...(endpoint.tls.cert ? { cert: endpoint.tls.cert.toString() } : {}),
              ...(endpoint.tls.key ? { key: endpoint.tls.key.toString() } : {}),
            },
          }
        : {}),
      allowedBindPrefixes: [],
    })
  }
  // DOCKER_API_VERSION pins the local host at every start, as it pins every CLI call.
  const localPin = config.engineEnv.DOCKER_API_VERSION
  const local = store.get('local')
  if (local && localPin !== undefined)
    store.setConnection('local', local.address, local.tls, local.ssh, localPin)
  syncDeclaredHosts(store, config.declaredHosts)
  const registry = new HostRegistry(logger, {
    statsMaxStreams: config.statsMaxStreams,
    stackConcurrency: config.stackConcurrency,
    dataDirOnEngineHost: config.dataDirOnEngineHost,
  })
  for (const host of store.list()) registry.addStored(host)
  return registry
}
