import {
  type Container,
  type ContainerDetails,
  type ContainerState,
  type Engine,
  type EngineEvent,
  type EngineIdentity,
  type EventsOptions,
  type ListContainersOptions,
  EngineNotFoundError,
  EngineNotManagerError,
  createEngine,
} from '@harbormaster/engine'
import { plainHostConfig } from './host-config-fixture.ts'

type Call = (...args: never[]) => unknown
type AnyCall = (...args: unknown[]) => unknown

/** The engine client's groups of calls: `containers`, `events`, `images`… */
export type Section = {
  [K in keyof Engine]: Engine[K] extends Call ? never : K extends 'label' | 'callCounts' ? never : K
}[keyof Engine]

/** The calls of one group: `stop`, `inspect`… */
export type Method<S extends Section> = {
  [M in keyof Engine[S]]: Engine[S][M] extends Call ? M : never
}[keyof Engine[S]] &
  string

export interface RecordedCall {
  /** `containers.stop`, `connect`. */
  member: string
  args: unknown[]
}

const IDENTITY: EngineIdentity = {
  apiVersion: '1.41',
  engineApiVersion: '1.41',
  flavour: 'docker',
  osType: 'linux',
}
const LISTED_WITHOUT_ALL = new Set<ContainerState>(['running', 'paused', 'restarting'])

/**
 * A pretend engine for the fast test tier, where the server's own logic is under test (auth,
 * policy, validation, audit, the error envelope), never the engine's. It is a real `Engine`
 * client whose every member is replaced, so its surface is exactly the client's: a call the
 * test did not fake throws "not faked: containers.top" (an answer of 500), never a silent
 * undefined. Faked by default: `connect`, an events stream that stays open and is fed by
 * `emit`, and containers `list` / `inspect` answered from `containers`, which is all the host's
 * events subscription and container model need to run. Every call is recorded in `calls`.
 */
export class FakeEngine {
  readonly engine: Engine
  /** What `containers.list` and `containers.inspect` answer from; tests edit it freely. */
  readonly containers: Container[] = []
  readonly calls: RecordedCall[] = []
  readonly #implementations = new Map<string, AnyCall>()
  readonly #subscribers = new Set<(event: EngineEvent) => void>()
  #nextId = 1
  #eventCount = 0n

  constructor(endpoint = 'unix:///fake/docker.sock') {
    // A real client, never used: nothing is sent until a call, and every call is replaced below.
    this.engine = createEngine({ host: endpoint })
    this.#replaceMembers()
    this.implement('events', 'subscribe', (options) => this.#subscribe(options))
    this.implement('containers', 'list', (options) => answer(() => this.#list(options)))
    this.implement('containers', 'inspect', (ref) => answer(() => detailsOf(this.find(ref))))
    // Not a swarm manager, as a plain engine answers (the stacks list asks for swarm stacks).
    this.implement('swarm', 'isManager', () => Promise.resolve(false))
    this.implement('swarm', 'services', () =>
      Promise.reject(new EngineNotManagerError(503, 'This node is not a swarm manager.')),
    )
  }

  /** Answers one call of the client with `fn` from now on (replacing any earlier answer). */
  implement<S extends Section, M extends Method<S>>(section: S, method: M, fn: Engine[S][M]): void {
    this.#implementations.set(`${section}.${method}`, fn as unknown as AnyCall)
  }

  /** The arguments of each call made to one member (`containers.stop`), in order. */
  callsTo(member: string): unknown[][] {
    return this.calls.filter((call) => call.member === member).map((call) => call.args)
  }

  /** Adds a container the engine has (no event: call `emit` for the engine to announce it). */
  addContainer(spec: { name: string; labels?: Record<string, string>; state?: ContainerState }) {
    const id = (this.#nextId++).toString(16).padStart(64, 'f')
    const container: Container = {
      id,
      name: spec.name,
      image: 'fixture:latest',
      imageId: `sha256:${'0'.repeat(64)}`,
      command: 'sleep 300',
      created: 1_700_000_000 + this.#nextId,
      state: spec.state ?? 'running',
      status: spec.state === 'exited' ? 'Exited (0) 1 minute ago' : 'Up 1 minute',
      ports: [],
      labels: spec.labels ?? {},
      networks: {},
      mounts: [],
    }
    this.containers.push(container)
    return container
  }

  /** The container a reference names (full id, id prefix or name), as the engine resolves it. */
  find(ref: string): Container {
    const found =
      this.containers.find((c) => c.id === ref || c.name === ref.replace(/^\//, '')) ??
      this.containers.find((c) => ref.length >= 3 && c.id.startsWith(ref))
    if (!found) throw new EngineNotFoundError(404, `No such container: ${ref}`)
    return found
  }

  /** Sends an event on every open events stream. */
  emit(event: Pick<EngineEvent, 'type' | 'action' | 'actorId'>): void {
    // A nanosecond apart at least: the same event at the same time reads as a replay (HostEvents).
    const nano = BigInt(Date.now()) * 1_000_000n + this.#eventCount++
    const full: EngineEvent = {
      ...event,
      attributes: {},
      scope: 'local',
      timeNano: String(nano),
      time: Number(nano / 1_000_000_000n),
    }
    for (const deliver of this.#subscribers) deliver(full)
  }

  #replaceMembers(): void {
    const engine = this.engine
    for (const section of Object.keys(engine)) {
      const real: unknown = Reflect.get(engine, section)
      if (typeof real !== 'object' || real === null) continue
      const fake: Record<string, AnyCall> = {}
      for (const method of methodsOf(real)) fake[method] = this.#member(`${section}.${method}`)
      Object.defineProperty(engine, section, { value: fake })
    }
    for (const name of methodsOf(engine)) {
      Object.defineProperty(engine, name, { value: this.#member(name) })
    }
    this.#implementations.set('connect', () => Promise.resolve(IDENTITY))
    this.#implementations.set('close', () => undefined)
    Object.defineProperty(engine, 'label', { value: 'fake' })
    Object.defineProperty(engine, 'callCounts', {
      get: () => {
        const byRoute = new Map<string, number>()
        for (const { member } of this.calls) byRoute.set(member, (byRoute.get(member) ?? 0) + 1)
        return { requests: this.calls.length, byRoute }
      },
    })
  }

  #member(member: string): AnyCall {
    return (...args) => {
      this.calls.push({ member, args })
      const implementation = this.#implementations.get(member)
      if (!implementation) throw new Error(`not faked: ${member}`)
      return implementation(...args)
    }
  }

  #list(options: ListContainersOptions = {}): Container[] {
    const { all = false, filters = {} } = options
    const unknown = Object.keys(filters).filter((key) => !['id', 'name', 'label'].includes(key))
    if (unknown.length > 0) throw new Error(`not faked: containers.list filters ${unknown.join()}`)
    // `key` or `key=value`, every one of them (as the engine ANDs label filters).
    const labelled = (c: Container) =>
      (filters.label ?? []).every((filter) => {
        const [key = '', value] = filter.split(/=(.*)/s)
        return value === undefined ? key in c.labels : c.labels[key] === value
      })
    return this.containers.filter(
      (c) =>
        (all || LISTED_WITHOUT_ALL.has(c.state)) &&
        labelled(c) &&
        (filters.id?.some((id) => c.id.startsWith(id)) ?? true) &&
        (filters.name?.some((pattern) => new RegExp(pattern).test(`/${c.name}`)) ?? true),
    )
  }

  /** Stays open until the caller aborts; `emit` feeds it. */
  async *#subscribe(options: EventsOptions = {}): AsyncGenerator<EngineEvent> {
    const { signal } = options
    const queue: EngineEvent[] = []
    let wake: (() => void) | undefined
    const deliver = (event: EngineEvent) => {
      queue.push(event)
      wake?.()
    }
    const onAbort = () => wake?.()
    this.#subscribers.add(deliver)
    signal?.addEventListener('abort', onAbort)
    try {
      while (signal?.aborted !== true) {
        const event = queue.shift()
        if (event) yield event
        else await new Promise<void>((resolve) => (wake = resolve))
      }
    } finally {
      this.#subscribers.delete(deliver)
      signal?.removeEventListener('abort', onAbort)
    }
  }
}

/** What `fn` returns, or its throw, as a promise (an engine call fails by rejecting). */
const answer = <T>(fn: () => T) =>
  new Promise<T>((resolve) => {
    resolve(fn())
  })

/** Own and inherited methods of a class instance (not Object's). */
function methodsOf(instance: object): string[] {
  const names = new Set<string>()
  for (
    let proto: unknown = Object.getPrototypeOf(instance);
    typeof proto === 'object' && proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name !== 'constructor' && typeof descriptor.value === 'function') names.add(name)
    }
  }
  return [...names]
}

/** An inspect document for a listed container, with the defaults `docker run` gives. */
function detailsOf(container: Container): ContainerDetails {
  const running = container.state === 'running' || container.state === 'paused'
  const created = new Date(container.created * 1000).toISOString()
  return {
    id: container.id,
    name: container.name,
    created,
    image: container.image,
    imageId: container.imageId,
    path: 'sleep',
    args: ['300'],
    state: {
      status: container.state,
      running,
      paused: container.state === 'paused',
      restarting: false,
      oomKilled: false,
      dead: false,
      pid: running ? 4242 : 0,
      exitCode: 0,
      error: '',
      startedAt: created,
      ...(running ? {} : { finishedAt: created }),
    },
    restartCount: 0,
    config: {
      hostname: container.id.slice(0, 12),
      user: '',
      env: ['PATH=/usr/bin:/bin'],
      cmd: ['sleep', '300'],
      entrypoint: [],
      workingDir: '',
      labels: container.labels,
      tty: false,
      openStdin: false,
      exposedPorts: [],
    },
    hostConfig: plainHostConfig({ networkMode: 'bridge', cgroupnsMode: 'private' }),
    ports: container.ports,
    networks: container.networks,
    mounts: container.mounts,
    raw: {},
  }
}
