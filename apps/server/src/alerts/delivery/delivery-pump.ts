import type { Logger } from 'pino'
import type { ChannelStore } from '../channels/channel-store.ts'
import { type AttemptSettings, attemptDelivery } from './delivery-attempt.ts'
import type { DeliveryRecord, DeliveryStore } from './delivery-store.ts'

/** A claimed row is due again this long after its attempt's timeout (a crash mid-way). */
const LEASE_MARGIN_MS = 30_000

export interface PumpParts {
  channels: ChannelStore
  store: DeliveryStore
  logger: Logger
  settings: AttemptSettings
  concurrency: number
  logSize: number
}

/**
 * Takes due deliveries off the queue, a few at a time. Idle costs nothing: one timer set for
 * the next due row, none while the queue is empty, no polling.
 */
export class DeliveryPump {
  readonly #parts: PumpParts
  readonly #inFlight = new Set<Promise<void>>()
  #timer: NodeJS.Timeout | undefined
  #stopped = false

  constructor(parts: PumpParts) {
    this.#parts = parts
  }

  /** Starts what is due now; later work is picked up by the timer. */
  run(): void {
    if (this.#stopped) return
    const { store, settings, concurrency } = this.#parts
    const free = concurrency - this.#inFlight.size
    if (free > 0) {
      const now = settings.now()
      const leaseUntil = now + settings.timeoutMs + LEASE_MARGIN_MS
      for (const record of store.claimDue(now, free, leaseUntil)) this.#start(record)
    }
    this.#schedule()
  }

  /** Runs again after the caller's turn: a dispatch never waits on a delivery. */
  soon(): void {
    setImmediate(() => {
      this.run()
    })
  }

  resume(): void {
    this.#stopped = false
    this.run()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    await Promise.allSettled([...this.#inFlight])
  }

  #start(record: DeliveryRecord): void {
    const attempt = this.#deliver(record).catch((err: unknown) => {
      this.#parts.logger.error({ err, deliveryId: record.id }, 'alert delivery failed unexpectedly')
    })
    this.#inFlight.add(attempt)
    void attempt.finally(() => {
      this.#inFlight.delete(attempt)
      this.run()
    })
  }

  async #deliver(record: DeliveryRecord): Promise<void> {
    const { channels, store, settings, logger, logSize } = this.#parts
    const channel = channels.get(record.channelId)
    if (!channel) return // deleted meanwhile: its deliveries went with it
    const settled = await attemptDelivery(record, channel, settings)
    store.settle(record.id, settled, settings.now())
    if (settled.status === 'pending' || settled.status === 'failed') {
      // The channel and the receiver's answer only: the log never carries the channel's secrets.
      logger.warn(
        { channelId: channel.id, deliveryId: record.id, attempts: settled.attempts },
        `alert delivery attempt failed: ${settled.lastError ?? ''}`,
      )
    }
    if (settled.status !== 'pending' && settled.status !== 'held') store.trim(channel.id, logSize)
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#stopped || this.#inFlight.size >= this.#parts.concurrency) return
    const next = this.#parts.store.nextDueAt()
    if (next === undefined) return
    this.#timer = setTimeout(
      () => {
        this.run()
      },
      Math.max(0, next - this.#parts.settings.now()),
    )
    this.#timer.unref()
  }
}
