import { request } from 'node:http'
import { connect } from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * One HTTP request with exactly the headers given, `Host` included (fetch will not send a Host
 * of our choosing): for the DNS rebinding tests, which play a browser that loaded a page from
 * another name.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<RawAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  const all = payload === undefined ? headers : { 'Content-Type': 'application/json', ...headers }
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers: all }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

/**
 * Writes bytes on a fresh TCP connection and returns what the server answered up to its first
 * blank line (status line and headers) plus what followed: for requests Node's client will not
 * send (no Host, an absolute-form target).
 */
export function rawExchange(
  port: number,
  bytes: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
    socket.on('error', reject)
    socket.on('close', () => {
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text })
    })
    socket.end(bytes)
  })
}
