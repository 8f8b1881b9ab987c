import type { AlertNotice } from '@harbormaster/contract'
import { post } from './http-post.ts'
import { type Outgoing, type SendOutcome, headline } from './outgoing.ts'

/**
 * ntfy's plain publish: the body is the message, the rest rides in the headers ntfy reads
 * (Title, Priority 1-5, Tags as a comma list, Click). The URL is the server and topic
 * (`https://ntfy.sh/my-topic`); a token, when set, goes as a Bearer token.
 */
export function sendNtfy(
  config: { url: string; token?: string | undefined },
  out: Outgoing,
): Promise<SendOutcome> {
  const { notice } = out
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    title: headerText(headline(notice)),
    priority: String(priority(notice)),
    tags: tags(notice).join(','),
  }
  if (notice.url) headers.click = notice.url
  if (config.token) headers.authorization = `Bearer ${config.token}`
  return post(config.url, headers, notice.body || notice.title, out.timeoutMs)
}

/** 5 urgent, 4 high, 3 default: a recovery is news, never an emergency. */
function priority(notice: AlertNotice): number {
  if (notice.state === 'resolved') return 3
  return notice.severity === 'critical' ? 5 : notice.severity === 'warning' ? 4 : 3
}

/** ntfy turns known tag names into emoji (`rotating_light`); the rest show as words. */
function tags(notice: AlertNotice): string[] {
  const mark =
    notice.state === 'resolved'
      ? 'white_check_mark'
      : notice.severity === 'critical'
        ? 'rotating_light'
        : notice.severity === 'warning'
          ? 'warning'
          : 'information_source'
  return [mark, notice.kind, notice.hostName].map((tag) => tag.replace(/[,\r\n]/g, ' '))
}

/**
 * HTTP header values are Latin-1 on one line: a title with other characters is sent as an
 * RFC 2047 encoded word, which ntfy decodes.
 */
function headerText(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ')
  if (/^[\x20-\x7e]*$/.test(line)) return line
  return `=?UTF-8?B?${Buffer.from(line, 'utf8').toString('base64')}?=`
}
