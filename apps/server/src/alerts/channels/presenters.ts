import type {
  AlertChannel,
  AlertChannelConfig,
  AlertChannelConfigInput,
  AlertDelivery,
} from '@harbormaster/contract'
import type { DeliveryRecord } from '../delivery/delivery-store.ts'
import type { StoredChannel } from './channel-store.ts'

/** A channel as admins see it: every secret replaced by whether it is set. */
export function toAlertChannel(channel: StoredChannel): AlertChannel {
  return {
    id: channel.id,
    name: channel.name,
    enabled: channel.enabled,
    quietHours: channel.quietHours,
    config: presentConfig(channel.config),
    createdAt: new Date(channel.createdAt).toISOString(),
    updatedAt: new Date(channel.updatedAt).toISOString(),
  }
}

function presentConfig(config: AlertChannelConfigInput): AlertChannelConfig {
  switch (config.type) {
    case 'webhook':
      return { type: 'webhook', target: originOf(config.url), hasUrl: true, hasSecret: true }
    case 'ntfy':
      return {
        type: 'ntfy',
        target: originOf(config.url),
        hasUrl: true,
        hasToken: config.token !== undefined,
      }
    case 'slack':
    case 'discord':
      return { type: config.type, target: originOf(config.url), hasUrl: true }
    case 'email': {
      const { password, ...settings } = config
      return { ...settings, hasPassword: password !== undefined }
    }
  }
}

/** The origin only: the path and query of a webhook URL are its token. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}

export function toAlertDelivery(record: DeliveryRecord): AlertDelivery {
  return {
    id: record.id,
    channelId: record.channelId,
    noticeId: record.notice.id,
    title: record.notice.title,
    status: record.status,
    attempts: record.attempts,
    lastError: record.lastError,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    nextAttemptAt:
      record.nextAttemptAt === null ? null : new Date(record.nextAttemptAt).toISOString(),
  }
}
