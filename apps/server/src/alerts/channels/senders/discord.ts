import type { AlertNotice } from '@harbormaster/contract'
import { post } from './http-post.ts'
import { type Outgoing, type SendOutcome, headline, provenance } from './outgoing.ts'

const COLORS = { critical: 0xd32f2f, warning: 0xf9a825, info: 0x1e88e5, resolved: 0x43a047 }

/**
 * A Discord webhook: one embed (title up to 256 characters, description up to 4096) and no
 * mentions (`allowed_mentions.parse: []`), so a container named `@everyone` pings nobody.
 * Discord answers 204.
 */
export function sendDiscord(config: { url: string }, out: Outgoing): Promise<SendOutcome> {
  return post(
    config.url,
    { 'content-type': 'application/json' },
    JSON.stringify(discordMessage(out.notice)),
    out.timeoutMs,
  )
}

export function discordMessage(notice: AlertNotice) {
  return {
    username: 'Harbormaster',
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: headline(notice).slice(0, 256),
        description: notice.body.slice(0, 4096),
        ...(notice.url ? { url: notice.url } : {}),
        color: notice.state === 'resolved' ? COLORS.resolved : COLORS[notice.severity],
        timestamp: notice.at,
        footer: { text: provenance(notice).slice(0, 2048) },
      },
    ],
  }
}
