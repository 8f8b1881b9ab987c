/**
 * One engine client in a process of its own, for bench/engine-transport.ts:
 * `node bench/transport-child.ts <client> <socketPath> <apiVersion> <calls>`. Prints one JSON
 * line: resident memory before and after loading the client and after the calls, and the time
 * of each kind of call (`/_ping`, and a list of every container). Clients: `engine` (packages/engine), `node-http` (node:http with a
 * keep-alive agent configured as packages/engine's transport), `undici-client`, `undici-agent`.
 */
import { readFileSync } from 'node:fs'

/** Resolves with the body: parsed when it is JSON, the text otherwise (`/_ping` says `OK`). */
type Get = (path: string) => Promise<unknown>

const parse = (text: string, type: string | undefined): unknown =>
  type?.startsWith('application/json') ? JSON.parse(text) : text

const [clientArg, socketPath, apiVersion, callsArg] = process.argv.slice(2)
if (clientArg === undefined || socketPath === undefined || apiVersion === undefined) {
  throw new Error('usage: transport-child.ts <client> <socketPath> <apiVersion> <calls>')
}
const client: string = clientArg
const socket: string = socketPath
const calls = Number(callsArg ?? '1000')

function statusKb(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync('/proc/self/status', 'utf8'),
  )
  return match ? Number(match[1]) * 1024 : Number.NaN
}

/** The two calls, through the client under test; each resolves with the parsed JSON. */
async function load(): Promise<{ ping: Get; list: Get; close: () => unknown }> {
  switch (client) {
    case 'engine': {
      const { createEngine } = await import('@harbormaster/engine')
      const engine = createEngine({ host: `unix://${socketPath}` })
      return {
        ping: () => engine.system.ping(),
        list: () => engine.containers.list({ all: true }),
        close: () => {
          engine.close()
        },
      }
    }
    case 'node-http': {
      const http = await import('node:http')
      const agent = new http.Agent({
        keepAlive: true,
        maxSockets: 32,
        maxFreeSockets: 4,
        scheduling: 'lifo',
      })
      const get: Get = (path) =>
        new Promise((resolve, reject) => {
          const req = http.request({ socketPath, path, agent }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              resolve(parse(Buffer.concat(chunks).toString('utf8'), res.headers['content-type']))
            })
            res.on('error', reject)
          })
          req.on('error', reject)
          req.end()
        })
      return {
        ping: get,
        list: get,
        close: () => {
          agent.destroy()
        },
      }
    }
    case 'undici-client':
    case 'undici-agent': {
      const undici = await import('undici')
      const dispatcher =
        client === 'undici-client'
          ? new undici.Client('http://localhost', { socketPath: socket })
          : new undici.Agent({ connect: { socketPath: socket } })
      const get: Get = async (path) => {
        const res = await undici.request(`http://localhost${path}`, { dispatcher })
        const type = res.headers['content-type']
        return parse(await res.body.text(), typeof type === 'string' ? type : undefined)
      }
      return { ping: get, list: get, close: () => dispatcher.close() }
    }
    default:
      throw new Error(`unknown client ${client}`)
  }
}

async function timed(get: Get, path: string, n: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await get(path)
    times.push(performance.now() - t)
  }
  return times
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN

const rssBare = statusKb('VmRSS')
const api = await load()
const rssLoaded = statusKb('VmRSS')
const pingPath = `/v${apiVersion}/_ping`
const listPath = `/v${apiVersion}/containers/json?all=1`
await timed(api.ping, pingPath, 50)
const ping = await timed(api.ping, pingPath, calls)
const rssAfterPings = statusKb('VmRSS')
const lists = await timed(api.list, listPath, Math.max(3, Math.round(calls / 100)))
const rssAfter = statusKb('VmRSS')
await api.close()
process.stdout.write(
  `${JSON.stringify({
    client,
    rssBare,
    rssLoaded,
    rssAfterPings,
    rssAfter,
    peak: statusKb('VmHWM'),
    pingMs: median(ping),
    pingMeanMs: ping.reduce((a, b) => a + b, 0) / ping.length,
    listMs: median(lists),
    lists: lists.length,
  })}\n`,
)
