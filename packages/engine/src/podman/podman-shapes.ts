/**
 * Where Podman's Docker-compatible API (4.3, docs/engine.md#podman) says less than Docker or says
 * it differently, and how the client makes up for it. Podman is detected once, from the ping
 * (`Libpod-Api-Version`); resource modules ask {@link isPodman} and adapt here, so routes and the
 * server never branch on the flavour.
 */
import type { CallOptions, EngineClient, EngineIdentity } from '../engine-client.ts'
import type { HealthStatus } from '../containers/types.ts'
import type { Filters } from '../query.ts'
import { asArray, asObject, asString } from '../wire/wire-read.ts'

export async function isPodman(client: EngineClient, options: CallOptions): Promise<boolean> {
  return (await client.connect(options)).flavour === 'podman'
}

/**
 * Whether the engine sends an event for every network change. Docker does; Podman sends none
 * when a network is created or removed, so a list of its networks cannot be kept until an event
 * says it changed.
 */
export function eventsCoverNetworkChanges(identity: Pick<EngineIdentity, 'flavour'>): boolean {
  return identity.flavour !== 'podman'
}

/** Podman lists its default network as `bridge`; containers, inspect and its CLI say `podman`. */
export const PODMAN_DEFAULT_NETWORK = 'podman'

/**
 * Docker's list without `all` holds running, paused and restarting containers; Podman's leaves
 * the paused ones out. Asks Podman for all its running and paused containers instead (it refuses
 * `restarting` as a status filter: "unknown container state"); a caller's own `status` filter is
 * kept as given.
 */
export function withPausedListed(query: {
  all?: boolean | undefined
  filters?: Filters | undefined
}): {
  all?: boolean | undefined
  filters?: Filters | undefined
} {
  if (query.all === true || query.filters?.status !== undefined) return query
  return { all: true, filters: { ...query.filters, status: ['running', 'paused'] } }
}

const HEALTH_STATES: readonly HealthStatus[] = ['healthy', 'unhealthy', 'starting']

/**
 * Podman's container list leaves health out of `Status` ("Up 5 seconds", never "(healthy)"),
 * but its `health` filter works: one filtered list per health state (ids only matter) says which
 * containers are in it. Three small calls, whatever the number of containers; inspecting each
 * would cost one call per container.
 */
export async function listHealth(
  client: EngineClient,
  query: { all?: boolean | undefined; filters?: Filters | undefined },
  options: CallOptions,
): Promise<Map<string, HealthStatus>> {
  const health = new Map<string, HealthStatus>()
  await Promise.all(
    HEALTH_STATES.map(async (state) => {
      const filters = { ...query.filters, health: [state] }
      const wire = await client.json<unknown>(
        { method: 'GET', path: '/containers/json', query: { all: query.all, filters } },
        options,
      )
      for (const item of asArray(wire)) health.set(asString(asObject(item).Id), state)
    }),
  )
  return health
}

/**
 * Podman runs `ps` inside the container and sends its output unsplit: one title
 * ("PID   USER     COMMAND") and each process as one string. Splits both on whitespace into
 * as many columns as there are titles, the last column keeping the rest (a command's arguments).
 */
export function splitTopColumns(
  titles: string[],
  processes: string[][],
): { titles: string[]; processes: string[][] } {
  const [only] = titles
  if (titles.length !== 1 || only === undefined || !/\s/.test(only.trim())) {
    return { titles, processes }
  }
  const split = only.trim().split(/\s+/)
  return { titles: split, processes: processes.map((row) => splitRow(row.join(' '), split.length)) }
}

function splitRow(line: string, columns: number): string[] {
  const cells: string[] = []
  let rest = line.trim()
  while (cells.length < columns - 1 && rest !== '') {
    const match = /^(\S+)\s*/.exec(rest)
    if (!match?.[1]) break
    cells.push(match[1])
    rest = rest.slice(match[0].length)
  }
  cells.push(rest)
  return cells
}
