import type { AlertNotice } from '@harbormaster/contract'
import { post } from './http-post.ts'
import { type Outgoing, type SendOutcome, headline, provenance } from './outgoing.ts'

/**
 * A Slack incoming webhook: `text` (the notification's fallback) and Block Kit blocks, a
 * section in mrkdwn and a context line. Slack answers `200 ok`. Also what Mattermost and
 * Rocket.Chat's Slack-compatible webhooks read.
 */
export function sendSlack(config: { url: string }, out: Outgoing): Promise<SendOutcome> {
  return post(
    config.url,
    { 'content-type': 'application/json' },
    JSON.stringify(slackMessage(out.notice)),
    out.timeoutMs,
  )
}

export function slackMessage(notice: AlertNotice) {
  const link = notice.url ? `\n<${escape(notice.url)}|Open in Harbormaster>` : ''
  const text = `${mark(notice)} *${escape(headline(notice))}*\n${escape(notice.body)}${link}`
  return {
    text: `${mark(notice)} ${escape(headline(notice))}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escape(provenance(notice)) }] },
    ],
  }
}

function mark(notice: AlertNotice): string {
  if (notice.state === 'resolved') return ':white_check_mark:'
  return notice.severity === 'critical'
    ? ':red_circle:'
    : notice.severity === 'warning'
      ? ':large_orange_circle:'
      : ':large_blue_circle:'
}

/** Slack reads `<...>` as links and mentions (`<!channel>`): our text must not ping anyone. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
