import type { ContainerMount, MountSetting } from '@harbormaster/engine'
import type { ContainerSnapshot, ImageSnapshot } from './project-snapshot.ts'
import type { ProjectObjects } from './project-objects.ts'
import type { ServicePart } from './service-process.ts'
import { literal, portSpec, size } from './compose-values.ts'

/**
 * Published ports as asked at create (a host port the engine picked stays unpinned), and the
 * ports exposed beyond the image's and the published ones.
 */
export function portKeys(container: ContainerSnapshot, image: ImageSnapshot | undefined) {
  const bindings = [...container.settings.portBindings].sort(
    (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol),
  )
  const published = new Set(bindings.map((binding) => `${binding.port}/${binding.protocol}`))
  const inherited = new Set(image?.config.exposedPorts ?? [])
  const expose = container.details.config.exposedPorts
    .filter((port) => !published.has(port) && !inherited.has(port))
    .map((port) => port.replace(/\/tcp$/, ''))
    .sort()
  const notes = container.settings.publishAllPorts
    ? ['publishes every exposed port (`-P`), which compose cannot say']
    : []
  return {
    keys: {
      ...(bindings.length > 0 ? { ports: bindings.map(portSpec) } : {}),
      ...(expose.length > 0 ? { expose } : {}),
    },
    notes,
  }
}

/**
 * Mounts: named volumes by their key in the file, binds by their host path, anonymous volumes by
 * target (except those the image declares, which the engine makes anyway), and tmpfs mounts,
 * whether made with `--mount` or `--tmpfs`. Sorted by target.
 */
export function volumeKeys(
  container: ContainerSnapshot,
  image: ImageSnapshot | undefined,
  objects: ProjectObjects,
): ServicePart {
  const asked = new Map(container.settings.mounts.map((mount) => [mount.target, mount]))
  const imageVolumes = new Set(image?.config.volumes ?? [])
  const notes: string[] = []
  const entries: [string, unknown][] = []
  for (const mount of container.details.mounts) {
    const entry = mountEntry(
      mount,
      asked.get(mount.destination),
      container.settings.propagation[mount.destination],
      { imageVolumes, objects, notes },
    )
    if (entry !== undefined) entries.push([mount.destination, entry])
  }
  const listed = new Set(container.details.mounts.map((mount) => mount.destination))
  for (const [target, options] of Object.entries(container.settings.tmpfs)) {
    if (listed.has(target)) continue
    const tmpfs = tmpfsOptions(options)
    if (tmpfs.unknown.length > 0)
      notes.push(`tmpfs ${target}: options ${tmpfs.unknown.join(',')} are not kept`)
    entries.push([target, tmpfsEntry(target, tmpfs.size, tmpfs.mode, false)])
  }
  entries.sort(([a], [b]) => a.localeCompare(b))
  return { keys: entries.length > 0 ? { volumes: entries.map(([, entry]) => entry) } : {}, notes }
}

type MountEntry = string | Record<string, unknown> | undefined

interface MountContext {
  imageVolumes: ReadonlySet<string>
  objects: ProjectObjects
  notes: string[]
}

function mountEntry(
  mount: ContainerMount,
  asked: MountSetting | undefined,
  propagation: string | undefined,
  { imageVolumes, objects, notes }: MountContext,
): MountEntry {
  const target = literal(mount.destination)
  const readOnly = !mount.readWrite
  if (mount.type === 'volume') {
    const anonymous = !mount.name || /^[0-9a-f]{64}$/.test(mount.name)
    if (anonymous) return imageVolumes.has(mount.destination) ? undefined : target
    const key = objects.volumeKey(mount.name ?? '')
    if (asked && (asked.noCopy || asked.subpath !== undefined)) {
      const volume = {
        ...(asked.noCopy ? { nocopy: true } : {}),
        ...(asked.subpath === undefined ? {} : { subpath: literal(asked.subpath) }),
      }
      return {
        type: 'volume',
        source: key,
        target,
        ...(readOnly ? { read_only: true } : {}),
        volume,
      }
    }
    return `${key}:${target}${readOnly ? ':ro' : ''}`
  }
  if (mount.type === 'bind') return bindEntry(mount, propagation, target, readOnly)
  if (mount.type === 'tmpfs')
    return tmpfsEntry(target, asked?.tmpfsSize, asked?.tmpfsMode, readOnly)
  notes.push(`a ${mount.type} mount at ${mount.destination} cannot be written in a stack`)
  return undefined
}

const SELINUX = /(?:^|,)([zZ])(?:,|$)/

function bindEntry(
  mount: ContainerMount,
  propagation: string | undefined,
  target: string,
  readOnly: boolean,
): MountEntry {
  const source = literal(mount.source)
  const selinux = SELINUX.exec(mount.mode)?.[1]
  const plain = propagation === undefined || propagation === '' || propagation === 'rprivate'
  if (plain && selinux === undefined) return `${source}:${target}${readOnly ? ':ro' : ''}`
  return {
    type: 'bind',
    source,
    target,
    ...(readOnly ? { read_only: true } : {}),
    bind: { ...(plain ? {} : { propagation }), ...(selinux ? { selinux } : {}) },
  }
}

function tmpfsEntry(
  target: string,
  bytes: number | undefined,
  mode: number | undefined,
  readOnly: boolean,
): Record<string, unknown> {
  const options = {
    ...(bytes === undefined ? {} : { size: size(bytes) }),
    ...(mode === undefined ? {} : { mode }),
  }
  return {
    type: 'tmpfs',
    target,
    ...(readOnly ? { read_only: true } : {}),
    ...(Object.keys(options).length > 0 ? { tmpfs: options } : {}),
  }
}

/** `--tmpfs` options (`size=64m,mode=1777,noexec`): size and mode kept, the rest reported. */
function tmpfsOptions(text: string) {
  let bytes: number | undefined
  let mode: number | undefined
  const unknown: string[] = []
  for (const option of text.split(',').filter((part) => part !== '')) {
    const [name, value = ''] = option.split('=')
    if (name === 'size' && parseSize(value) !== undefined) bytes = parseSize(value)
    else if (name === 'mode' && /^[0-7]+$/.test(value)) mode = parseInt(value, 8)
    else if (name !== 'rw') unknown.push(option)
  }
  return { size: bytes, mode, unknown }
}

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }

function parseSize(text: string): number | undefined {
  const match = /^([0-9]+)([kmg]?)$/i.exec(text)
  const factor = UNITS[(match?.[2] ?? '').toLowerCase()]
  return match && factor !== undefined ? Number(match[1]) * factor : undefined
}
