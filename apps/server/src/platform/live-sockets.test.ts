import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import type { Principal } from '../policy/roles.ts'
import { LiveSockets } from './live-sockets.ts'

const principal: Principal = {
  userId: 'u1',
  username: 'ada',
  role: 'admin',
  hostGrants: new Map(),
  credentialVersion: 1,
  via: 'session',
}

describe('LiveSockets during a shutdown (real ws sockets)', () => {
  const cleanup: (() => void)[] = []
  afterEach(() => {
    for (const step of cleanup.splice(0)) step()
  })

  /** A real socket pair: the server's end, and how the client saw it close. */
  async function socketPair() {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    cleanup.push(() => {
      wss.close()
    })
    await once(wss, 'listening')
    const { port } = wss.address() as AddressInfo
    const client = new WebSocket(`ws://127.0.0.1:${port}`)
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      client.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
      })
    })
    const [server] = (await once(wss, 'connection')) as [WebSocket]
    return { server, closed }
  }

  it('closes a socket opened after closeAll (an upgrade authorised just before it)', async () => {
    const live = new LiveSockets(pino({ level: 'silent' }), () => true)
    cleanup.push(() => {
      live.stop()
    })
    const before = await socketPair()
    expect(live.track(before.server, principal)).toBe(true)

    live.closeAll(1000, 'server shutting down')
    expect(live.closing).toBe(true)
    const late = await socketPair()
    expect(live.track(late.server, principal)).toBe(false)

    expect(await before.closed).toEqual({ code: 1000, reason: 'server shutting down' })
    expect(await late.closed).toEqual({ code: 1000, reason: 'server shutting down' })
    expect(live.size).toBe(0)
  })
})
