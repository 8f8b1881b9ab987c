import type { AlertNotice } from '@harbormaster/contract'
import type { Logger } from 'pino'

/**
 * Where the rules hand each notice, with the rule's channel ids: the channels' delivery
 * (alerts/channels, alerts/delivery) implements it. Must not throw and must not wait: delivery,
 * retries and their log are the dispatcher's own business.
 */
export interface AlertDispatcher {
  dispatch(notice: AlertNotice, channelIds: readonly string[]): void
}

/** The dispatcher while no channel delivery is wired: the notice is logged, nothing is sent. */
export function loggingDispatcher(logger: Logger): AlertDispatcher {
  return {
    dispatch(notice, channelIds) {
      logger.info(
        { alert: notice.id, kind: notice.kind, state: notice.state, channelIds },
        notice.title,
      )
    },
  }
}
