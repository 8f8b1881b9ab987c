import type { AddressInfo } from 'node:net'
import type { EngineEvent } from '@harbormaster/engine'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import type { HostEventListener, HostEvents } from './events-hub.ts'
import { EVENTS_MAX_BUFFERED_BYTES, relayEvents } from './routes.ts'

/** Stands in for a host's subscription: the test emits what the engine would. */
function fakeHostEvents() {
  const listeners = new Set<HostEventListener>()
  const events = {
    connected: true,
    listen(listener: HostEventListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  } as unknown as HostEvents
  const emit = (event: EngineEvent) => {
    for (const listener of listeners) listener({ kind: 'event', event })
  }
  return { events, emit, listeners }
}

const bigEvent = (i: number): EngineEvent => ({
  type: 'container',
  action: 'update',
  actorId: `c${i}`,
  attributes: { name: `c${i}`, padding: 'x'.repeat(64 * 1024) },
  scope: 'local',
  timeNano: `${1_800_000_000_000_000_000n + BigInt(i)}`,
  time: 1_800_000_000,
})

describe('events towards a browser that stops reading', () => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        wss.close(() => {
          resolve()
        })
      }),
  )

  it('cuts it off with 1011 once its queue passes the bound, never dropping events silently', async () => {
    const host = fakeHostEvents()
    const serverSide = new Promise<WebSocket>((resolve) => {
      wss.once('connection', (ws) => {
        relayEvents(host.events, { role: 'viewer' }, ws)
        resolve(ws)
      })
    })
    const { port } = wss.address() as AddressInfo
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false })
    await new Promise((resolve) => client.once('open', resolve))
    const server = await serverSide
    client.pause()
    let received = 0
    client.on('message', () => received++)
    const closed = new Promise<number>((resolve) => client.once('close', resolve))

    let emitted = 0
    let peakBuffered = 0
    while (server.readyState === WebSocket.OPEN && emitted < 4000) {
      host.emit(bigEvent(emitted++))
      peakBuffered = Math.max(peakBuffered, server.bufferedAmount)
      if (emitted % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    const bufferedAtClose = server.bufferedAmount
    for (let i = 0; i < 100; i++) host.emit(bigEvent(emitted++))

    // Bounded: the queue never grew past the bound plus one message, and stopped growing.
    expect(server.readyState).toBe(WebSocket.CLOSING)
    expect(peakBuffered).toBeLessThan(EVENTS_MAX_BUFFERED_BYTES + 2 * 65 * 1024)
    expect(server.bufferedAmount).toBe(bufferedAtClose)
    client.resume()
    expect(await closed).toBe(1011)
    expect(received).toBeLessThan(emitted)
    await expect.poll(() => host.listeners.size).toBe(0)
  })
})
