import type { BindMount, ComposeMount, TmpfsMount, VolumeMount } from '../model/service.ts'
import type { Cursor } from './cursor.ts'
import { parseBytes } from './units.ts'
import { cleanPath, parseShortVolume, PROPAGATIONS } from './volume-spec.ts'

/** `volumes` of a service in the long syntax; only `volume`, `bind` and `tmpfs` mounts. */
export function normaliseVolumes(list: Cursor): ComposeMount[] {
  list.record()
  return list.items().flatMap((item) => {
    const mount = item.node.kind === 'map' ? longMount(item) : shortMount(item)
    if (mount && !mount.target.startsWith('/')) {
      item.error(`the mount target "${mount.target}" must be an absolute path in the container`)
      return []
    }
    return mount ? [mount] : []
  })
}

function shortMount(item: Cursor): ComposeMount | undefined {
  const spec = item.text() ?? ''
  const parsed = parseShortVolume(spec)
  if (parsed instanceof Error) {
    item.error(`invalid volume "${spec}": ${parsed.message}`)
    return undefined
  }
  for (const option of parsed.unknownOptions) {
    item.warn(`volume option "${option}" has no effect on a Linux engine and is ignored`)
  }
  const target = cleanPath(parsed.target)
  if (parsed.type === 'bind') {
    const bind: BindMount['bind'] = { createHostPath: true }
    if (parsed.propagation) bind.propagation = parsed.propagation
    if (parsed.selinux) bind.selinux = parsed.selinux
    return { type: 'bind', source: parsed.source ?? '', target, readOnly: parsed.readOnly, bind }
  }
  if (parsed.propagation || parsed.selinux) {
    item.warn('propagation and SELinux options apply to bind mounts only and are ignored here')
  }
  const volume: VolumeMount = {
    type: 'volume',
    target,
    readOnly: parsed.readOnly,
    volume: { nocopy: parsed.nocopy },
  }
  if (parsed.source !== undefined) volume.source = parsed.source
  return volume
}

function longMount(item: Cursor): ComposeMount | undefined {
  item.record()
  const type = item.get('type')?.text()
  const source = item.get('source')?.text()
  const target = cleanPath(item.get('target')?.text() ?? '')
  const readOnly = item.get('read_only')?.boolean() ?? false
  if (target === '') {
    item.error('a mount needs a target path in the container')
    return undefined
  }
  const foreign = (['bind', 'volume', 'tmpfs'] as const).find(
    (kind) => kind !== type && item.get(kind),
  )
  if (foreign) {
    item.get(foreign)?.error(`"${foreign}" options do not apply to a ${type ?? ''} mount`)
    return undefined
  }
  switch (type ?? '') {
    case 'bind':
      return bindMount(item, source, target, readOnly)
    case 'volume': {
      const mount: VolumeMount = { type: 'volume', target, readOnly, volume: { nocopy: false } }
      if (source !== undefined && source !== '') mount.source = source
      const options = item.get('volume')
      mount.volume.nocopy = options?.get('nocopy')?.boolean() ?? false
      const subpath = options?.get('subpath')?.text()
      if (subpath !== undefined) mount.volume.subpath = subpath
      return mount
    }
    case 'tmpfs':
      return tmpfsMount(item, source, target, readOnly)
    default:
      item
        .get('type')
        ?.error(
          `mounts of type "${type ?? ''}" are not supported by Harbormaster stacks (volume, bind or tmpfs)`,
        )
      return undefined
  }
}

function bindMount(item: Cursor, source: string | undefined, target: string, readOnly: boolean) {
  if (source === undefined || source === '') {
    item.error('a bind mount needs a source path on the host')
    return undefined
  }
  const options = item.get('bind')
  const bind: BindMount['bind'] = {
    createHostPath: options?.get('create_host_path')?.boolean() ?? true,
  }
  const propagation = options?.get('propagation')
  const propagationText = propagation?.text()
  if (propagation && propagationText !== undefined) {
    if ((PROPAGATIONS as readonly string[]).includes(propagationText))
      bind.propagation = propagationText
    else propagation.error(`unknown propagation "${propagationText}" (${PROPAGATIONS.join(', ')})`)
  }
  const selinux = options?.get('selinux')?.text()
  if (selinux === 'z' || selinux === 'Z') bind.selinux = selinux
  const mount: BindMount = { type: 'bind', source, target, readOnly, bind }
  return mount
}

function tmpfsMount(item: Cursor, source: string | undefined, target: string, readOnly: boolean) {
  if (source !== undefined) {
    item.get('source')?.error('a tmpfs mount has no source')
    return undefined
  }
  const mount: TmpfsMount = { type: 'tmpfs', target, readOnly, tmpfs: {} }
  const options = item.get('tmpfs')
  const size = options?.get('size')
  const sizeValue = size?.node.kind === 'scalar' ? size.node.value : undefined
  if (size && (typeof sizeValue === 'string' || typeof sizeValue === 'number')) {
    size.record()
    const bytes = parseBytes(sizeValue)
    if (bytes instanceof Error) size.error(bytes.message)
    else mount.tmpfs.size = bytes
  }
  const mode = options?.get('mode')
  if (mode) {
    const parsed = parseMode(mode)
    if (parsed !== undefined) mount.tmpfs.mode = parsed
  }
  return mount
}

/** A file mode: a YAML number (`0755` is already octal there) or an octal string (`"0755"`). */
export function parseMode(field: Cursor): number | undefined {
  field.record()
  const value = field.node.kind === 'scalar' ? field.node.value : undefined
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value
  if (typeof value === 'string' && /^[0-7]+$/.test(value)) return parseInt(value, 8)
  field.error(`invalid file mode ${JSON.stringify(value)}: give it in octal, like 0440`)
  return undefined
}
