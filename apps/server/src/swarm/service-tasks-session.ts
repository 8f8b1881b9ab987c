import type { ServiceTasksServerMessage } from '@harbormaster/contract'
import type { Logger } from 'pino'
import { WebSocket } from 'ws'
import type { RegisteredHost } from '../hosts/index.ts'
import { ApiError } from '../platform/errors.ts'
import { closeWithError } from '../platform/live-route.ts'
import { HIGH_WATER_BYTES } from '../platform/ws-bridge.ts'
import { ServiceTasksFollow, type TasksUpdate } from './service-tasks-follow.ts'

/**
 * The followers of each host, one per watched service, made on the first watcher and dropped
 * with the last. Kept beside the host rather than in it: a host removed (or given a new address)
 * closes its sockets, whose watchers leave, which stops the followers.
 */
const followersByHost = new WeakMap<RegisteredHost, Map<string, ServiceTasksFollow>>()

function followerOf(
  host: RegisteredHost,
  serviceId: string,
  options: SessionOptions,
): ServiceTasksFollow {
  let followers = followersByHost.get(host)
  if (!followers) {
    followers = new Map()
    followersByHost.set(host, followers)
  }
  const existing = followers.get(serviceId)
  if (existing) return existing
  const created = new ServiceTasksFollow({
    engine: host.engine,
    events: host.events,
    serviceId,
    logger: options.logger,
    recheckMs: options.recheckSeconds > 0 ? options.recheckSeconds * 1000 : undefined,
    onIdle: () => {
      if (followers.get(serviceId) === created) followers.delete(serviceId)
    },
  })
  followers.set(serviceId, created)
  return created
}

export interface SessionOptions {
  logger: Logger
  /** HARBORMASTER_SWARM_TASKS_RECHECK_SECONDS: a settled service's tasks read again (0: never). */
  recheckSeconds: number
}

/** The services followed on a host now (tests check that a follower goes with its watchers). */
export function followedServices(host: RegisteredHost): string[] {
  return [...(followersByHost.get(host)?.keys() ?? [])]
}

/** One browser watching a service's tasks, until it leaves or the service goes. */
export function runServiceTasksSession(
  host: RegisteredHost,
  serviceId: string,
  browser: WebSocket,
  options: SessionOptions,
): void {
  const { logger } = options
  const sender = new LatestSender(browser)
  const unwatch = followerOf(host, serviceId, options).watch((update: TasksUpdate) => {
    if (update.kind === 'snapshot') sender.send({ type: 'tasks', ...update.snapshot })
    else closeWithError(browser, update.error, logger)
  })
  browser.once('close', unwatch)
  browser.on('message', () => {
    closeWithError(browser, new ApiError(400, 'invalid_request', 'The tasks stream takes no input'))
  })
}

/**
 * Backpressure for a stream of whole states: while the socket holds HIGH_WATER_BYTES, a new
 * snapshot replaces the one waiting instead of queueing behind it, and goes out once the socket
 * has drained below half. A slow browser skips the states it could not take, never gets a stale
 * one last, and costs the server one held message at most.
 */
class LatestSender {
  readonly #browser: WebSocket
  #held: string | undefined

  constructor(browser: WebSocket) {
    this.#browser = browser
  }

  send(message: ServiceTasksServerMessage): void {
    const text = JSON.stringify(message)
    if (this.#browser.bufferedAmount >= HIGH_WATER_BYTES) this.#held = text
    else this.#write(text)
  }

  #write(text: string): void {
    const browser = this.#browser
    if (browser.readyState !== WebSocket.OPEN) return
    browser.send(text, () => {
      const held = this.#held
      if (held === undefined || browser.bufferedAmount >= HIGH_WATER_BYTES / 2) return
      this.#held = undefined
      this.#write(held)
    })
  }
}
