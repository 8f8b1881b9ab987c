import type { ComposeExpose, ComposePort, PortProtocol, PortRange } from '../model/service.ts'
import type { Cursor } from './cursor.ts'
import { isIpAddress } from './ip-address.ts'

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp']

/**
 * `ports` in the long syntax. The short syntax `[[IP:](PORT|RANGE):](PORT|RANGE)[/PROTOCOL]` is
 * read as compose reads it (docker/go-connections `nat.ParsePortSpec`): a container range gives
 * one port per container port, mapped to the matching host port; a host range with one container
 * port lets the engine pick a host port in the range; `[::1]` and `::1` are IPv6 host addresses.
 */
export function normalisePorts(list: Cursor): ComposePort[] {
  list.record()
  const ports: ComposePort[] = []
  for (const item of list.items()) {
    const at = item.as([...list.model, ports.length])
    if (item.node.kind === 'map') {
      const port = longPort(at)
      if (port) ports.push(port)
      continue
    }
    const spec = item.text() ?? ''
    const parsed = parsePortSpec(spec)
    if (parsed instanceof Error) {
      item.error(`invalid port "${spec}": ${parsed.message}`)
      continue
    }
    for (const port of parsed) {
      item.as([...list.model, ports.length]).record()
      ports.push(port)
    }
  }
  return ports
}

export function parsePortSpec(spec: string): ComposePort[] | Error {
  const parts = spec.split(':')
  const container = parts.at(-1) ?? ''
  const host = parts.length >= 2 ? (parts.at(-2) ?? '') : ''
  const rawIp = parts.length >= 3 ? parts.slice(0, -2).join(':') : ''
  const [containerPorts, protocol] = splitProtocol(container)
  if (containerPorts === '') return new Error('no container port')
  if (!PROTOCOLS.includes(protocol)) return new Error(`unknown protocol "${protocol}"`)
  const hostIp = rawIp.startsWith('[') && rawIp.endsWith(']') ? rawIp.slice(1, -1) : rawIp
  if (hostIp !== '' && !isIpAddress(hostIp)) return new Error(`invalid IP address "${rawIp}"`)
  const targets = parseRange(containerPorts)
  if (targets instanceof Error) return new Error(`invalid container port "${containerPorts}"`)
  const published = host === '' ? undefined : parseRange(host)
  if (published instanceof Error) return new Error(`invalid host port "${host}"`)
  const count = targets.end - targets.start + 1
  if (published && published.end - published.start + 1 !== count && count !== 1) {
    return new Error(
      `the host range ${host} and the container range ${containerPorts} differ in size`,
    )
  }
  return Array.from({ length: count }, (_, i): ComposePort => {
    const base = {
      target: targets.start + i,
      protocol: protocol as PortProtocol,
      mode: 'ingress' as const,
    }
    const hostPart = hostIp === '' ? {} : { hostIp }
    if (!published) return { ...base, ...hostPart }
    // A single container port takes the whole host range: the engine picks a free port in it.
    const range = count === 1 ? published : { start: published.start + i, end: published.start + i }
    return { ...base, ...hostPart, published: range }
  })
}

function splitProtocol(text: string): [string, string] {
  const [port = '', protocol] = text.split('/')
  return [port, protocol === undefined || protocol === '' ? 'tcp' : protocol.toLowerCase()]
}

/** `80` or `8000-8010`; each port 0-65535. */
export function parseRange(text: string): PortRange | Error {
  const dash = text.indexOf('-')
  const first = dash < 0 ? text : text.slice(0, dash)
  const last = dash < 0 ? first : text.slice(dash + 1)
  const start = portNumber(first)
  const end = last === first ? start : portNumber(last)
  if (start === undefined || end === undefined || end < start) {
    return new Error(`invalid port or range "${text}"`)
  }
  return { start, end }
}

function portNumber(text: string): number | undefined {
  if (!/^\+?\d+$/.test(text)) return undefined
  const value = Number(text)
  return value <= 65535 ? value : undefined
}

function longPort(item: Cursor): ComposePort | undefined {
  const targetField = item.get('target')
  const target = targetField?.integer()
  if (target === undefined || target < 1 || target > 65535) {
    const at = targetField ?? item
    at.error('a port needs a container port ("target") from 1 to 65535')
    return undefined
  }
  const port: ComposePort = { target, protocol: 'tcp', mode: 'ingress' }
  const published = item.get('published')
  const publishedText = published?.text()
  if (published && publishedText !== undefined && publishedText !== '') {
    const range = parseRange(publishedText)
    if (range instanceof Error) published.error(range.message)
    else port.published = range
  }
  const hostIp = item.get('host_ip')
  const hostIpText = hostIp?.text()
  if (hostIp && hostIpText !== undefined) {
    if (isIpAddress(hostIpText)) port.hostIp = hostIpText
    else hostIp.error(`invalid IP address "${hostIpText}"`)
  }
  const protocol = item.get('protocol')
  const protocolText = protocol?.text()?.toLowerCase()
  if (protocol && protocolText !== undefined) {
    if (PROTOCOLS.includes(protocolText)) port.protocol = protocolText as PortProtocol
    else protocol.error(`unknown protocol "${protocolText}" (tcp, udp or sctp)`)
  }
  const mode = item.get('mode')
  const modeText = mode?.text()
  if (mode && modeText !== undefined) {
    if (modeText === 'host' || modeText === 'ingress') port.mode = modeText
    else mode.error(`unknown port mode "${modeText}" (ingress or host)`)
  }
  const name = item.get('name')?.text()
  if (name !== undefined) port.name = name
  const appProtocol = item.get('app_protocol')?.text()
  if (appProtocol !== undefined) port.appProtocol = appProtocol
  item.record()
  return port
}

/** `expose`: `3000`, `"8080-8085/udp"`. */
export function normaliseExpose(list: Cursor): ComposeExpose[] {
  list.record()
  return list.items().flatMap((item) => {
    const text = item.text() ?? ''
    const [ports, protocol] = splitProtocol(text)
    const range = parseRange(ports)
    if (range instanceof Error || !PROTOCOLS.includes(protocol)) {
      item.error(`invalid exposed port "${text}"`)
      return []
    }
    return [{ ...range, protocol: protocol as PortProtocol }]
  })
}
