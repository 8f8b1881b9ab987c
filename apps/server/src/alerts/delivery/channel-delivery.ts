import { randomUUID } from 'node:crypto'
import type { AlertChannelTestResult, AlertNotice } from '@harbormaster/contract'
import type { Logger } from 'pino'
import type { Db } from '../../db/database.ts'
import { ChannelStore, type StoredChannel } from '../channels/channel-store.ts'
import { send } from '../channels/senders/index.ts'
import { DEFAULT_RETRY, type RetryPolicy } from './backoff.ts'
import { DeliveryPump } from './delivery-pump.ts'
import { type DeliveryRecord, DeliveryStore } from './delivery-store.ts'

export interface ChannelDeliveryOptions {
  db: Db
  logger: Logger
  retry?: Partial<RetryPolicy>
  /** Bounds one attempt: connect, send, read the answer. */
  timeoutMs?: number
  /** Attempts in flight at once, over all channels. */
  concurrency?: number
  /** Finished deliveries kept per channel in the log. */
  logSize?: number
  /** The dashboard's address, for the link in a test notice. */
  publicUrl?: string | undefined
  now?: () => number
  random?: () => number
}

/** The alert rules' AlertDispatcher (apps/server/src/alerts/dispatch.ts), and what admins use. */
export interface ChannelDelivery {
  /** Queues the notice for each enabled channel named and returns at once. */
  dispatch(notice: AlertNotice, channelIds: readonly string[]): void
  /**
   * One attempt with a test notice, now, past quiet hours: what the receiver answered, also
   * kept in the channel's delivery log.
   */
  sendTest(channel: StoredChannel): Promise<AlertChannelTestResult>
  deliveries(channelId: string, limit?: number): DeliveryRecord[]
  /** A channel was changed: its held deliveries are looked at again at once. */
  channelChanged(channelId: string): void
  /** Picks up what a previous run left queued. */
  start(): void
  /** Stops taking new attempts; resolves when those in flight have ended. */
  stop(): Promise<void>
}

/**
 * Delivery of notices to channels: a queue in SQLite (pending rows survive a restart), retries
 * with exponential backoff and jitter, quiet hours, and a bounded log per channel.
 */
export function channelDelivery(options: ChannelDeliveryOptions): ChannelDelivery {
  const { db, logger } = options
  const settings = {
    retry: { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  }
  const logSize = options.logSize ?? 200
  const channels = new ChannelStore(db)
  const store = new DeliveryStore(db)
  const pump = new DeliveryPump({
    channels,
    store,
    logger,
    settings,
    concurrency: options.concurrency ?? 4,
    logSize,
  })
  return {
    dispatch(notice, channelIds) {
      for (const id of new Set(channelIds)) {
        const channel = channels.get(id)
        if (!channel) logger.warn({ channelId: id, noticeId: notice.id }, 'alert for no channel')
        else if (channel.enabled) store.enqueue(id, notice, settings.now())
      }
      pump.soon()
    },
    async sendTest(channel) {
      const started = settings.now()
      const deliveryId = `test-${randomUUID()}`
      const notice = testNotice(channel, options.publicUrl, new Date(started))
      const outcome = await send(channel.config, {
        event: 'test',
        deliveryId,
        attempt: 1,
        notice,
        timeoutMs: settings.timeoutMs,
      })
      // In the log too: the admin who tests a channel looks there for what its receiver said.
      const ended = settings.now()
      store.logFinished(
        { id: deliveryId, channelId: channel.id, notice, createdAt: started },
        outcome.ok
          ? { status: 'sent', lastError: null }
          : { status: 'failed', lastError: outcome.answer },
        ended,
      )
      store.trim(channel.id, logSize)
      return { ...outcome, durationMs: Math.max(0, Math.round(ended - started)) }
    },
    deliveries: (channelId, limit = logSize) => store.list(channelId, limit),
    channelChanged(channelId) {
      store.wakeHeld(channelId, settings.now())
      pump.soon()
    },
    start: () => {
      pump.resume()
    },
    stop: () => pump.stop(),
  }
}

function testNotice(channel: StoredChannel, publicUrl: string | undefined, at: Date): AlertNotice {
  return {
    id: `test-${at.getTime()}`,
    // AlertKind has no test kind: the envelope's `event: 'test'` and the title say what it is.
    kind: 'image.update',
    state: 'firing',
    severity: 'info',
    title: `Test from Harbormaster: channel ${channel.name} works`,
    body: 'An admin sent this test notice from the Channels page. Nothing needs doing.',
    ruleId: 'test',
    ruleName: 'Test',
    hostId: '',
    hostName: 'Harbormaster',
    at: at.toISOString(),
    ...(publicUrl ? { url: publicUrl } : {}),
  }
}
