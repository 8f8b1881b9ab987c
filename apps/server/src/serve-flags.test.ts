import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const SERVER_DIR = join(import.meta.dirname, '..')

/** The V8 and Node flags serve.sh starts the server with (production, `npm start`, the image). */
function serveFlags(): string[] {
  const script = readFileSync(join(SERVER_DIR, 'serve.sh'), 'utf8')
  const line = /^exec node (.*) "\$\{1/m.exec(script)?.[1]
  if (line === undefined) throw new Error('serve.sh has no `exec node … "${1…` line')
  return line.split(/\s+/).filter((flag) => flag !== '')
}

// Both HTTP clients of the server: fetch (the registry client) and undici (alert webhooks).
const OUTGOING_HTTP = `
import { createServer } from 'node:http'
import { request } from 'undici'
const server = createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', async () => {
  const url = 'http://127.0.0.1:' + server.address().port
  const fetched = await (await fetch(url, { method: 'HEAD' })).status
  const posted = await request(url, { method: 'POST', body: '{}' })
  console.log(typeof WebAssembly, fetched, posted.statusCode, await posted.body.text())
  server.close()
})
`

describe('the flags serve.sh runs the server with', () => {
  it('keep outgoing HTTP working: fetch and undici parse answers with WebAssembly', async () => {
    const flags = serveFlags()
    expect(flags).toContain('--optimize-for-size')

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...flags, '--input-type=module', '-e', OUTGOING_HTTP],
      { cwd: SERVER_DIR, timeout: 30_000 },
    )

    expect(stdout.trim()).toBe('object 200 200 ok')
  })
})
