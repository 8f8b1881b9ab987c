import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'

/** One request the receiver got, its body exactly as sent (for checking signatures). */
export interface Received {
  path: string
  headers: IncomingHttpHeaders
  rawBody: string
}

export interface AlertReceiver {
  /** `http://127.0.0.1:<port>` once started. */
  url: string
  received: Received[]
  /** What the receiver got on a path, in order. */
  on(path: string): Received[]
  /** The statuses a path answers with, one per request; afterwards 200 (or `status`). */
  answer(path: string, statuses: number[], body?: string): void
}

/**
 * A real HTTP server standing in for webhook, ntfy, Slack and Discord receivers: it records
 * every request and answers as told. Started before and closed after the file's tests.
 */
export function startAlertReceiver(): AlertReceiver {
  const scripted = new Map<string, { statuses: number[]; body: string | undefined }>()
  let server: Server | undefined
  const receiver: AlertReceiver = {
    url: '',
    received: [],
    on: (path) => receiver.received.filter((r) => r.path === path),
    answer(path, statuses, body) {
      scripted.set(path, { statuses: [...statuses], body })
    },
  }
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const path = req.url ?? '/'
        const script = scripted.get(path)
        const status = script?.statuses.shift() ?? 200
        // Recorded before answering: a test that sees the answer also sees the request.
        receiver.received.push({
          path,
          headers: req.headers,
          rawBody: Buffer.concat(chunks).toString('utf8'),
        })
        res.writeHead(status, { 'content-type': 'text/plain' })
        res.end(script?.body ?? (status < 300 ? 'ok' : 'receiver says no'))
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    receiver.url = `http://127.0.0.1:${(server?.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  })
  return receiver
}
