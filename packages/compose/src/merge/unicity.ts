import { parseShortVolume } from '../normalise/volume-spec.ts'
import { type MapNode, valueOf, type YamlNode } from '../yaml/tree.ts'

/**
 * Removes redefinitions in the sequences compose keeps unique (compose-go `override/uncity.go`):
 * a later entry with the same key replaces the earlier one in its place. Compose applies this to
 * every file, so `environment: [A=1, A=2]` means `A=2` and two volumes on one target keep the
 * last. `security_opt` is deduplicated as the specification says (compose-go does not).
 */
type Indexer = (item: YamlNode) => string | undefined

const text = (node: YamlNode | undefined): string | undefined =>
  node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined

const scalarText = (item: YamlNode): string | undefined =>
  item.kind === 'scalar' && typeof item.value === 'string' ? item.value : undefined

const keyValue: Indexer = (item) => scalarText(item)?.split('=')[0]

const exact: Indexer = (item) => (item.kind === 'scalar' ? String(item.value) : undefined)

const port: Indexer = (item) => {
  if (item.kind === 'scalar') return String(item.value)
  if (item.kind !== 'map') return undefined
  const hostIp = text(valueOf(item, 'host_ip')) ?? '0.0.0.0'
  const protocol = text(valueOf(item, 'protocol')) ?? 'tcp'
  return `${hostIp}:${text(valueOf(item, 'published')) ?? ''}:${text(valueOf(item, 'target')) ?? ''}/${protocol}`
}

const volumeTarget: Indexer = (item) => {
  if (item.kind === 'map') return text(valueOf(item, 'target'))
  const spec = scalarText(item)
  if (spec === undefined) return undefined
  const parsed = parseShortVolume(spec)
  return parsed instanceof Error ? undefined : parsed.target
}

const mountTarget =
  (defaultDir: string): Indexer =>
  (item) => {
    if (item.kind === 'map') {
      return text(valueOf(item, 'target')) ?? `${defaultDir}/${text(valueOf(item, 'source')) ?? ''}`
    }
    const source = scalarText(item)
    return source === undefined ? undefined : `${defaultDir}/${source}`
  }

const envFilePath: Indexer = (item) =>
  item.kind === 'map' ? text(valueOf(item, 'path')) : scalarText(item)

const deviceTarget: Indexer = (item) => {
  if (item.kind === 'map') return text(valueOf(item, 'target'))
  const parts = scalarText(item)?.split(':')
  return parts?.[1] ?? parts?.[0]
}

const SERVICE_SEQUENCES: readonly (readonly [string, Indexer])[] = [
  ['ports', port],
  ['volumes', volumeTarget],
  ['secrets', mountTarget('/run/secrets')],
  ['configs', mountTarget('')],
  ['expose', exact],
  ['env_file', envFilePath],
  ['devices', deviceTarget],
  ['security_opt', exact],
  ...[
    'environment',
    'labels',
    'sysctls',
    'cap_add',
    'cap_drop',
    'profiles',
    'dns',
    'dns_opt',
    'dns_search',
    'tmpfs',
    'links',
    'annotations',
    'build.args',
    'build.labels',
    'build.tags',
    'build.platforms',
    'build.additional_contexts',
    'deploy.labels',
  ].map((path) => [path, keyValue] as const),
]

export function enforceUnicity(root: MapNode): MapNode {
  const services = valueOf(root, 'services')
  if (services?.kind !== 'map') return root
  for (const service of services.entries) {
    if (service.value.kind !== 'map') continue
    for (const [path, indexer] of SERVICE_SEQUENCES) dedupe(service.value, path.split('.'), indexer)
    const networks = valueOf(service.value, 'networks')
    if (networks?.kind !== 'map') continue
    for (const network of networks.entries) dedupe(network.value, ['aliases'], keyValue)
  }
  return root
}

function dedupe(owner: YamlNode, path: readonly string[], indexer: Indexer): void {
  const parentPath = path.slice(0, -1)
  const last = path.at(-1) ?? ''
  let parent: YamlNode | undefined = owner
  for (const part of parentPath) parent = valueOf(parent, part)
  if (parent?.kind !== 'map') return
  const entry = parent.entries.find((candidate) => candidate.key === last)
  if (entry?.value.kind !== 'seq') return
  const kept: YamlNode[] = []
  const seen = new Map<string, number>()
  for (const item of entry.value.items) {
    const key = indexer(item)
    const at = key === undefined ? undefined : seen.get(key)
    if (at !== undefined) kept[at] = item
    else {
      if (key !== undefined) seen.set(key, kept.length)
      kept.push(item)
    }
  }
  entry.value = { ...entry.value, items: kept }
}
