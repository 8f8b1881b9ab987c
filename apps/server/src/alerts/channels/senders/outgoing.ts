import type { AlertNotice } from '@harbormaster/contract'

/** One attempt at one delivery, as every sender receives it. */
export interface Outgoing {
  event: 'alert' | 'test'
  deliveryId: string
  /** 1 for the first attempt; the same delivery keeps its id across retries. */
  attempt: number
  notice: AlertNotice
  /** Bounds the whole attempt: connecting, sending and reading the answer. */
  timeoutMs: number
}

/** How the receiver answered: `ok` when it accepted the notice. */
export interface SendOutcome {
  ok: boolean
  /** `HTTP 200: ok`, `250 2.0.0 queued`, or why it failed. Never carries a secret. */
  answer: string
}

/** The first line of a notice, as chat services and mail subjects show it. */
export function headline(notice: AlertNotice): string {
  return notice.state === 'resolved' ? `Resolved: ${notice.title}` : notice.title
}

/** Where it happened and which rule said so, for a footer line. */
export function provenance(notice: AlertNotice): string {
  return `${notice.severity} · ${notice.ruleName} · ${notice.hostName}`
}
