import { LIVE_CLOSE } from '@harbormaster/contract'

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed'

/** The ws:// or wss:// address of an API path on this origin. */
export function wsUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const url = new URL(path, window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, value)
  }
  return url.toString()
}

const BACKOFF_BASE_MS = 500
const BACKOFF_MAX_MS = 15_000

/** Exponential backoff with full jitter: attempt 0 waits up to 0.5 s, then 1 s, 2 s … 15 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt)
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Close codes after which trying again cannot help: the server said no, or the target is gone. */
export function isFinalClose(code: number): boolean {
  return (
    code === LIVE_CLOSE.ended ||
    code === LIVE_CLOSE.policy ||
    code === LIVE_CLOSE.gone ||
    code === LIVE_CLOSE.conflict
  )
}

export interface LiveSocketOptions {
  url: () => string
  onMessage: (data: string | ArrayBuffer, socket: WebSocket) => void
  onStatus?: (status: LiveStatus, closeCode?: number) => void
  onOpen?: (socket: WebSocket) => void
  /** Reconnect with backoff after an unexpected close (not after a final close code). */
  reconnect?: boolean
}

export interface LiveSocket {
  send: (data: string | Uint8Array<ArrayBuffer>) => boolean
  close: () => void
}

/** One WebSocket that reconnects with backoff; `close()` ends it for good. */
export function openLiveSocket(options: LiveSocketOptions): LiveSocket {
  let socket: WebSocket | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  let stopped = false

  const connect = () => {
    options.onStatus?.(attempt === 0 ? 'connecting' : 'reconnecting')
    const ws = new WebSocket(options.url())
    ws.binaryType = 'arraybuffer'
    socket = ws
    ws.onopen = () => {
      attempt = 0
      options.onStatus?.('open')
      options.onOpen?.(ws)
    }
    ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      options.onMessage(event.data, ws)
    }
    ws.onclose = (event) => {
      if (stopped || socket !== ws) return
      if (!options.reconnect || isFinalClose(event.code)) {
        options.onStatus?.('closed', event.code)
        return
      }
      options.onStatus?.('reconnecting', event.code)
      timer = setTimeout(connect, backoffMs(attempt++))
    }
  }
  connect()

  return {
    send: (data) => {
      if (socket?.readyState !== WebSocket.OPEN) return false
      socket.send(data)
      return true
    },
    close: () => {
      stopped = true
      clearTimeout(timer)
      const ws = socket
      // Not while connecting: the browser logs it as a failed connection, and `ws` (the tests'
      // WebSocket) throws. It is closed as soon as it opens instead.
      if (ws?.readyState === WebSocket.CONNECTING) {
        ws.onopen = () => {
          ws.close(1000)
        }
      } else ws?.close(1000)
    },
  }
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
