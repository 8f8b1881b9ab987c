import type { SendOutcome } from './outgoing.ts'

const ANSWER_BYTES = 512

/**
 * POSTs a body and reads the first bytes of the answer. Redirects are never followed (undici's
 * `request` follows none): a receiver that redirects fails, so a delivery never lands on a host
 * its admin did not name. The timeout covers the whole exchange.
 */
export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendOutcome> {
  const signal = AbortSignal.timeout(timeoutMs)
  // Loaded on the first delivery: most servers send none for hours, and idle memory counts.
  const { request } = await import('undici')
  const res = await request(url, {
    method: 'POST',
    headers: { 'user-agent': 'Harbormaster', ...headers },
    body,
    signal,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  })
  const text = await readStart(res.body)
  const status = res.statusCode
  if (status >= 300 && status < 400) {
    const location = res.headers.location
    const to = typeof location === 'string' ? originOrEmpty(location, url) : ''
    return { ok: false, answer: `HTTP ${status}: redirect${to ? ` to ${to}` : ''} not followed` }
  }
  return { ok: status >= 200 && status < 300, answer: `HTTP ${status}${text ? `: ${text}` : ''}` }
}

/** The start of the answer, one line; the rest is dropped unread (the socket is closed). */
async function readStart(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  let collected = Buffer.alloc(0)
  for await (const chunk of body) {
    collected = Buffer.concat([collected, chunk])
    if (collected.length >= ANSWER_BYTES) {
      body.destroy()
      break
    }
  }
  return collected.subarray(0, ANSWER_BYTES).toString('utf8').replace(/\s+/g, ' ').trim()
}

function originOrEmpty(location: string, base: string): string {
  try {
    return new URL(location, base).origin
  } catch {
    return ''
  }
}
