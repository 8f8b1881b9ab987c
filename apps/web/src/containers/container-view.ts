import type { ContainerSummary } from '@harbormaster/contract'

/** The containers table's view state, as kept in the URL. */
export interface ContainerViewState {
  search: string
  state: string
  image: string
  /** `key` or `key=value`. */
  label: string
  network: string
  /** A column id, `-` first for descending: `name`, `-created`. */
  sort: string
  groupByProject: boolean
}

export type ContainerRowItem<T extends ContainerSummary = ContainerSummary> =
  | { type: 'row'; key: string; row: T }
  | { type: 'group'; key: string; project: string; count: number; running: number }

/** A name as the CLI shows it: without the leading slash. */
export function displayName(name: string): string {
  return name.replace(/^\//, '')
}

export function matchesLabel(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf('=')
  if (eq < 0) return Object.hasOwn(labels, filter)
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1)
}

export function matchesContainer(c: ContainerSummary, view: ContainerViewState): boolean {
  if (view.state !== '' && c.state !== view.state) return false
  if (view.image !== '' && c.image !== view.image) return false
  if (view.network !== '' && !c.networks.includes(view.network)) return false
  if (view.label !== '' && !matchesLabel(c.labels, view.label)) return false
  const q = view.search.trim().toLowerCase()
  if (q === '') return true
  return [displayName(c.name), c.image, c.id, c.composeProject ?? '', c.status].some((field) =>
    field.toLowerCase().includes(q),
  )
}

const STATE_ORDER = ['running', 'restarting', 'paused', 'created', 'removing', 'exited', 'dead']

function compareBy(column: string): (a: ContainerSummary, b: ContainerSummary) => number {
  switch (column) {
    case 'image':
      return (a, b) => a.image.localeCompare(b.image)
    case 'state':
      return (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state)
    case 'created':
      return (a, b) => a.created - b.created
    default:
      return (a, b) => displayName(a.name).localeCompare(displayName(b.name))
  }
}

export function parseSort(sort: string): { column: string; descending: boolean } {
  const descending = sort.startsWith('-')
  return { column: (descending ? sort.slice(1) : sort) || 'name', descending }
}

/** The next sort after a header click: same column flips, another column starts ascending. */
export function nextSort(current: string, column: string): string {
  const { column: active, descending } = parseSort(current)
  if (active !== column) return column === 'name' ? '' : column
  return descending ? column : `-${column}`
}

/**
 * Filtered, sorted and (optionally) grouped rows; ties broken by name, then key, for stability.
 * `keyOf` names a row uniquely: the id on one host; host and id across hosts (one engine may be
 * registered under two host ids, so the same id can appear twice).
 */
export function buildContainerItems<T extends ContainerSummary>(
  containers: readonly T[],
  view: ContainerViewState,
  keyOf: (c: T) => string = (c) => c.id,
): ContainerRowItem<T>[] {
  const { column, descending } = parseSort(view.sort)
  const primary = compareBy(column)
  const byName = compareBy('name')
  const sorted = containers
    .filter((c) => matchesContainer(c, view))
    .sort((a, b) => {
      const order = primary(a, b) * (descending ? -1 : 1)
      return order !== 0 ? order : byName(a, b) || keyOf(a).localeCompare(keyOf(b))
    })
  const rows = (list: T[]): ContainerRowItem<T>[] =>
    list.map((row) => ({ type: 'row', key: keyOf(row), row }))
  if (!view.groupByProject) return rows(sorted)

  const groups = new Map<string, T[]>()
  for (const c of sorted) {
    const project = c.composeProject ?? ''
    const list = groups.get(project) ?? []
    list.push(c)
    groups.set(project, list)
  }
  // Projects by name; containers of no project last.
  const projects = [...groups.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  )
  return projects.flatMap((project) => {
    const list = groups.get(project) ?? []
    const header: ContainerRowItem<T> = {
      type: 'group',
      key: `group:${project}`,
      project,
      count: list.length,
      running: list.filter((c) => c.state === 'running').length,
    }
    return [header, ...rows(list)]
  })
}

/** Distinct values for the filter pickers. */
export function filterChoices(containers: readonly ContainerSummary[]) {
  const images = new Set<string>()
  const networks = new Set<string>()
  const labels = new Set<string>()
  for (const c of containers) {
    images.add(c.image)
    c.networks.forEach((n) => networks.add(n))
    Object.keys(c.labels).forEach((k) => labels.add(k))
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b))
  return { images: sorted(images), networks: sorted(networks), labels: sorted(labels) }
}

/**
 * The address a published port opens in a browser: the engine's host for a tcp:// host, the
 * page's own host name for a local socket, or the IP the port is bound to when it is specific.
 */
export function portUrl(
  hostAddress: string,
  pageHostname: string,
  port: { publicPort?: number | undefined; ip?: string | undefined },
): string | undefined {
  if (port.publicPort === undefined) return undefined
  let host = pageHostname
  if (hostAddress.startsWith('tcp://'))
    host = new URL(hostAddress.replace(/^tcp:/, 'http:')).hostname
  const ip = port.ip ?? ''
  if (ip !== '' && ip !== '0.0.0.0' && ip !== '::' && !ip.startsWith('127.')) {
    host = ip.includes(':') ? `[${ip}]` : ip
  }
  return `http://${host}:${port.publicPort}`
}

/**
 * Why a non-admin may not reach inside this container, or undefined when they may: its
 * admin-only settings (privileged, host paths…) hand the host to whoever runs code in it.
 */
export function adminOnlyReason(
  action: string,
  adminOnly: readonly string[],
  isAdmin: boolean,
): string | undefined {
  if (isAdmin || adminOnly.length === 0) return undefined
  return `Only an admin may ${action} here: this container has settings only an admin may create (${adminOnly.join(', ')}).`
}
