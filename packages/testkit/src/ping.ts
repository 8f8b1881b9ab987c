import { request } from 'node:http'

/** GET /_ping over an engine's unix socket: resolves the body ("OK"), rejects otherwise. */
export function pingSocket(socketPath: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/_ping', timeout: timeoutMs, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('error', reject)
      res.on('end', () => {
        if (res.statusCode === 200) resolve(body)
        else reject(new Error(`/_ping answered ${res.statusCode}: ${body}`))
      })
    })
    req.on('timeout', () => req.destroy(new Error(`/_ping timed out after ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}
