import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import { testEngine } from '@harbormaster/testkit'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'
import { type RunningServer, startServer } from './server.ts'

describe('serving the built web app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hm-web-'))
  const script = 'console.log("the app");'.repeat(100)
  let server: RunningServer

  beforeAll(async () => {
    const web = join(dir, 'web')
    mkdirSync(join(web, 'assets'), { recursive: true })
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>hm</title>')
    writeFileSync(join(web, 'assets', 'app-1a2b3c.js'), script)
    writeFileSync(join(web, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(script))
    server = await startServer(
      loadConfig({
        HARBORMASTER_PORT: '0',
        HARBORMASTER_BIND: '127.0.0.1',
        HARBORMASTER_DATA_DIR: join(dir, 'data'),
        HARBORMASTER_WEB_DIR: web,
        DOCKER_HOST: testEngine().dockerHost,
      }),
      pino({ level: 'silent' }),
    )
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const get = (path: string, encoding: string) =>
    fetch(`${server.url}${path}`, { headers: { 'accept-encoding': encoding } })

  it('sends the precompressed file to a browser that takes it, and caches hashed assets for good', async () => {
    const res = await get('/assets/app-1a2b3c.js', 'br, gzip')
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    // fetch decodes br itself: the body is the script, whichever file was read.
    expect(await res.text()).toBe(script)
  })

  it('sends the plain file otherwise, and has index.html revalidated on client-side routes', async () => {
    const plain = await get('/assets/app-1a2b3c.js', 'identity')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(script)
    const route = await get('/hosts/local/containers', 'br')
    expect(route.headers.get('content-type')).toMatch(/^text\/html/)
    expect(route.headers.get('cache-control')).toBe('no-cache')
  })
})
