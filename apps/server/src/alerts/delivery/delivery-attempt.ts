import type { AlertDeliveryStatus } from '@harbormaster/contract'
import type { StoredChannel } from '../channels/channel-store.ts'
import { send } from '../channels/senders/index.ts'
import { type RetryPolicy, retryDelay } from './backoff.ts'
import type { DeliveryRecord } from './delivery-store.ts'
import { quietUntil } from './quiet-hours.ts'

/** Where a delivery stands after one turn: what the store records. */
export interface Settlement {
  status: AlertDeliveryStatus
  attempts: number
  lastError: string | null
  nextAttemptAt: number | null
}

export interface AttemptSettings {
  retry: RetryPolicy
  timeoutMs: number
  now: () => number
  random: () => number
}

/**
 * One turn of a due delivery: dropped when its channel is off, held or dropped in quiet hours,
 * else one attempt, then sent, retried later (backoff with jitter) or failed for good.
 */
export async function attemptDelivery(
  record: DeliveryRecord,
  channel: StoredChannel,
  settings: AttemptSettings,
): Promise<Settlement> {
  const unchanged = { attempts: record.attempts, lastError: record.lastError }
  if (!channel.enabled) {
    return { ...unchanged, status: 'dropped', lastError: 'channel disabled', nextAttemptAt: null }
  }
  const quietEnd = quietUntil(channel.quietHours, settings.now())
  if (quietEnd !== undefined) {
    return channel.quietHours?.mode === 'drop'
      ? { ...unchanged, status: 'dropped', lastError: 'quiet hours', nextAttemptAt: null }
      : { ...unchanged, status: 'held', nextAttemptAt: quietEnd }
  }
  const attempts = record.attempts + 1
  const outcome = await send(channel.config, {
    event: 'alert',
    deliveryId: record.id,
    attempt: attempts,
    notice: record.notice,
    timeoutMs: settings.timeoutMs,
  })
  if (outcome.ok) return { status: 'sent', attempts, lastError: null, nextAttemptAt: null }
  if (attempts >= settings.retry.maxAttempts) {
    return { status: 'failed', attempts, lastError: outcome.answer, nextAttemptAt: null }
  }
  const wait = retryDelay(settings.retry, attempts, settings.random)
  return {
    status: 'pending',
    attempts,
    lastError: outcome.answer,
    nextAttemptAt: settings.now() + wait,
  }
}
