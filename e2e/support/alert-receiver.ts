import { createHmac, timingSafeEqual } from 'node:crypto'
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The parts of the webhook envelope (AlertWebhookBody in the contract) these journeys read. */
export interface WebhookEnvelope {
  event: 'alert' | 'test'
  deliveryId: string
  notice: {
    kind: string
    state: 'firing' | 'resolved'
    title: string
    ruleName: string
    subject?: { type: string; id: string; name: string }
    url?: string
  }
}

/** One webhook the receiver got: its headers and its body, parsed once its signature checked. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: WebhookEnvelope
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook`: the server runs on this host, so loopback reaches it. */
  url: string
  received: ReceivedWebhook[]
  stop(): Promise<void>
}

/**
 * A real HTTP server standing in for an alert webhook receiver: it checks each request's
 * HMAC-SHA256 signature with `secret` as a receiver would (401 when it does not match) and
 * keeps what passed, parsed.
 */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      if (req.url !== '/hook' || !signedWith(secret, raw, req.headers)) {
        res.writeHead(401).end('bad signature')
        return
      }
      received.push({
        headers: req.headers,
        body: JSON.parse(raw.toString('utf8')) as WebhookEnvelope,
      })
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${String(port)}/hook`,
    received,
    stop: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

function signedWith(secret: string, raw: Buffer, headers: IncomingHttpHeaders): boolean {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    'utf8',
  )
  const given = Buffer.from(String(headers['x-harbormaster-signature'] ?? ''), 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
