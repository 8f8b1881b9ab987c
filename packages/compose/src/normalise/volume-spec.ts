/**
 * The short volume syntax, `[SOURCE:]TARGET[:OPTIONS]`, read as compose reads it (compose-go
 * `format/volume.go`): a source starting with `.`, `/` or `~` is a bind mount, any other source a
 * named volume, no source an anonymous volume. Colons inside `${...}` do not split. Windows drive
 * letters are not recognised: Harbormaster drives Linux engines.
 */
export interface ShortVolume {
  type: 'bind' | 'volume'
  source?: string
  target: string
  readOnly: boolean
  nocopy: boolean
  propagation?: string
  selinux?: 'z' | 'Z'
  /** Options compose ignores without a word (`cached`, `delegated`...): reported as warnings. */
  unknownOptions: string[]
}

export const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'] as const

export function parseShortVolume(spec: string): ShortVolume | Error {
  if (spec === '') return new Error('invalid empty volume spec')
  const volume: ShortVolume = {
    type: 'volume',
    target: '',
    readOnly: false,
    nocopy: false,
    unknownOptions: [],
  }
  if (spec.length <= 2) return { ...volume, target: spec }
  const fields: string[] = []
  let buffer = ''
  let depth = 0
  for (let i = 0; i <= spec.length; i++) {
    const char = i < spec.length ? spec.charAt(i) : undefined
    if (char === '$' && spec.charAt(i + 1) === '{') depth++
    else if (char === '}' && depth > 0) depth--
    else if (char === undefined || (char === ':' && depth === 0)) {
      if (buffer === '') return new Error(`invalid spec ${spec}: empty section between colons`)
      fields.push(buffer)
      buffer = ''
      continue
    }
    buffer += char
  }
  if (fields.length > 3) return new Error(`invalid spec ${spec}: too many colons`)
  const [first = '', second, options] = fields
  const source = second === undefined ? undefined : first
  const target = second ?? first
  for (const option of options?.split(',') ?? []) applyOption(volume, option)
  const type = source !== undefined && /^[./~]/.test(source) ? 'bind' : 'volume'
  return { ...volume, type, target, ...(source === undefined ? {} : { source }) }
}

function applyOption(volume: ShortVolume, option: string): void {
  if (option === 'ro') volume.readOnly = true
  else if (option === 'rw') volume.readOnly = false
  else if (option === 'nocopy') volume.nocopy = true
  else if (option === 'z' || option === 'Z') volume.selinux = option
  else if ((PROPAGATIONS as readonly string[]).includes(option)) volume.propagation = option
  else volume.unknownOptions.push(option)
}

/** POSIX `path.Clean`: compose cleans mount targets (`/data/` -> `/data`). */
export function cleanPath(path: string): string {
  if (path === '') return ''
  const absolute = path.startsWith('/')
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length > 0 && parts.at(-1) !== '..') parts.pop()
      else if (!absolute) parts.push('..')
      continue
    }
    parts.push(part)
  }
  const joined = parts.join('/')
  if (absolute) return `/${joined}`
  return joined === '' ? '.' : joined
}
