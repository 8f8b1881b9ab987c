import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planResources, planServices } from './plan-convergence.ts'
import type {
  ContainerOp,
  DesiredService,
  DesiredState,
  ObservedContainer,
  ObservedState,
  PlanOptions,
} from './plan-types.ts'

const web: DesiredService = {
  name: 'web',
  replicas: 1,
  hash: 'h-web',
  image: 'web:1',
  dependsOn: {},
}
const worker: DesiredService = {
  name: 'worker',
  replicas: 1,
  hash: 'h-worker',
  image: 'worker:1',
  dependsOn: {
    web: { condition: 'service_healthy', restart: true, required: true },
    migrate: { condition: 'service_completed_successfully', restart: false, required: true },
  },
}
const migrate: DesiredService = {
  name: 'migrate',
  replicas: 1,
  hash: 'h-mig',
  image: 'web:1',
  dependsOn: {},
}

const desired: DesiredState = {
  project: 'shop',
  services: [worker, web, migrate],
  networks: [{ key: 'back', name: 'shop_back', external: false }],
  volumes: [{ key: 'data', name: 'shop_data', external: false }],
}
const IMAGES = new Map([
  ['web:1', 'sha256:web'],
  ['worker:1', 'sha256:worker'],
])

function container(service: DesiredService, number: number, over: Partial<ObservedContainer> = {}) {
  return {
    id: `${service.name}-${number}-id`,
    name: `shop-${service.name}-${number}`,
    service: service.name,
    number,
    hash: service.hash,
    imageId: IMAGES.get(service.image) ?? '',
    state: 'running',
    oneoff: false,
    ...over,
  } satisfies ObservedContainer
}

function observed(
  containers: ObservedContainer[],
  over: Partial<ObservedState> = {},
): ObservedState {
  return {
    containers,
    networks: new Set(['shop_back']),
    volumes: new Set(['shop_data']),
    images: IMAGES,
    ...over,
  }
}

const converged = () => [
  container(web, 1),
  container(worker, 1),
  container(migrate, 1, { state: 'exited', exitCode: 0 }),
]

/** `kind service number` of each op, in plan order. */
const opsOf = (state: ObservedState, options = { removeOrphans: false }) => {
  const plan = planServices(desired, state, options)
  return [...plan.services.flatMap((s) => s.ops), ...plan.orphans].map(describeOp)
}
const describeOp = (op: ContainerOp) =>
  `${op.kind} ${op.service} ${'number' in op ? op.number : op.container.number}`

describe('planResources', () => {
  it('creates what is missing and pulls images the host lacks, each once', () => {
    const plan = planResources(
      desired,
      observed([], { networks: new Set(), volumes: new Set(), images: new Map() }),
      {
        pull: 'missing',
      },
    )

    expect(plan).toEqual({
      errors: [],
      steps: [
        { kind: 'create-network', key: 'back', name: 'shop_back' },
        { kind: 'create-volume', key: 'data', name: 'shop_data' },
        { kind: 'pull', image: 'web:1' },
        { kind: 'pull', image: 'worker:1' },
      ],
    })
  })

  it('plans nothing when everything is there, and every pull with pull: always', () => {
    expect(planResources(desired, observed([]), { pull: 'missing' }).steps).toEqual([])
    expect(planResources(desired, observed([]), { pull: 'always' }).steps).toEqual([
      { kind: 'pull', image: 'web:1' },
      { kind: 'pull', image: 'worker:1' },
    ])
  })

  it('pulls the images an update names again, and only those, with pull: missing', () => {
    const refresh = new Set(['worker:1'])
    expect(planResources(desired, observed([]), { pull: 'missing', refresh }).steps).toEqual([
      { kind: 'pull', image: 'worker:1' },
    ])
  })

  it('refuses a missing external network or volume, and never creates one', () => {
    const external: DesiredState = {
      ...desired,
      networks: [{ key: 'edge', name: 'proxy', external: true }],
      volumes: [{ key: 'media', name: 'media', external: true }],
    }

    const plan = planResources(external, observed([]), { pull: 'missing' })

    expect(plan.errors).toEqual([
      'external network proxy not found: create it first',
      'external volume media not found: create it first',
    ])
    expect(plan.steps).toEqual([])
  })

  it('pulls nothing for a service scaled to 0', () => {
    const none = { ...desired, services: [{ ...web, replicas: 0 }] }
    expect(
      planResources(none, observed([], { images: new Map() }), { pull: 'missing' }).steps,
    ).toEqual([])
  })
})

describe('planServices', () => {
  it('creates every container on an empty host, dependencies first, with the waits the file asks', () => {
    const plan = planServices(desired, observed([]), { removeOrphans: false })

    expect(plan.services.map((s) => s.service)).toEqual(['migrate', 'web', 'worker'])
    expect(opsOf(observed([]))).toEqual(['create migrate 1', 'create web 1', 'create worker 1'])
    expect(plan.services[2]).toMatchObject({
      after: ['web', 'migrate'],
      waits: [
        { service: 'web', condition: 'service_healthy' },
        { service: 'migrate', condition: 'service_completed_successfully' },
      ],
    })
  })

  it('plans nothing for a converged project: a completed one-shot is not started again', () => {
    const plan = planServices(desired, observed(converged()), { removeOrphans: true })

    expect(plan.services.flatMap((s) => [...s.ops, ...s.waits])).toEqual([])
    expect(plan.orphans).toEqual([])
  })

  it('recreates only the service whose hash changed, and restarts its restart: true dependents', () => {
    const state = observed([container(web, 1, { hash: 'old' }), ...converged().slice(1)])

    expect(opsOf(state)).toEqual(['recreate web 1', 'restart worker 1'])
  })

  it('recreates a container whose image id changed (a redeploy after a pull)', () => {
    const state = observed(converged(), {
      images: new Map([...IMAGES, ['worker:1', 'sha256:new']]),
    })

    expect(opsOf(state)).toEqual(['recreate worker 1'])
  })

  it('starts stopped containers, a failed one-shot included, and leaves paused ones', () => {
    const state = observed([
      container(web, 1, { state: 'exited', exitCode: 137 }),
      container(worker, 1, { state: 'paused' }),
      container(migrate, 1, { state: 'exited', exitCode: 1 }),
    ])

    expect(opsOf(state)).toEqual(['start migrate 1', 'start web 1'])
  })

  it('scales up with the lowest free numbers and down from the highest', () => {
    const three = { ...desired, services: [{ ...web, replicas: 3 }] }
    const one = { ...desired, services: [{ ...web, replicas: 1 }] }
    const describe = (state: DesiredState, containers: ObservedContainer[]) =>
      planServices(state, observed(containers), { removeOrphans: false }).services.flatMap((s) =>
        s.ops.map(describeOp),
      )

    expect(describe(three, [container(web, 2)])).toEqual(['create web 1', 'create web 3'])
    expect(describe(one, [container(web, 1), container(web, 2), container(web, 3)])).toEqual([
      'remove web 3',
      'remove web 2',
    ])
  })

  it('removes a duplicate of a number and recreates a leftover under a temporary name', () => {
    const state = observed([
      container(web, 1, { id: 'tmp', name: 'abc123_shop-web-1' }),
      container(web, 1),
      container(worker, 1, { id: 'w-tmp', name: 'abc123_shop-worker-1' }),
      container(migrate, 1, { state: 'exited', exitCode: 0 }),
    ])

    expect(opsOf(state)).toEqual(['remove web 1', 'recreate worker 1'])
  })

  it('removes orphans, one-off containers aside, only when asked', () => {
    const orphan = { ...container(web, 1), id: 'o', name: 'shop-old-1', service: 'old' }
    const oneoff = { ...container(web, 1), id: 'r', name: 'shop-web-run-1', oneoff: true }
    const state = observed([...converged(), orphan, oneoff])

    expect(opsOf(state)).toEqual([])
    expect(opsOf(state, { removeOrphans: true })).toEqual(['remove old 1'])
  })
})

/**
 * A pretend engine that carries out a plan: what an `up` would leave. A started container of a
 * service another waits on for completion runs to its end (exit 0) at once; others run.
 */
function apply(
  state: DesiredState,
  before: ObservedState,
  options: PlanOptions,
  registry: Map<string, string>,
) {
  const resources = planResources(state, before, options)
  if (resources.errors.length > 0) return undefined
  const networks = new Set(before.networks)
  const volumes = new Set(before.volumes)
  const images = new Map(before.images)
  for (const step of resources.steps) {
    if (step.kind === 'create-network') networks.add(step.name)
    if (step.kind === 'create-volume') volumes.add(step.name)
    if (step.kind === 'pull') images.set(step.image, registry.get(step.image) ?? 'sha256:pulled')
  }
  let containers = [...before.containers]
  const pulled: ObservedState = { containers, networks, volumes, images }
  const plan = planServices(state, pulled, options)
  const completes = new Set(
    state.services.flatMap((s) =>
      Object.entries(s.dependsOn).flatMap(([n, d]) =>
        d.condition === 'service_completed_successfully' ? [n] : [],
      ),
    ),
  )
  const ran = (service: string) =>
    completes.has(service)
      ? { state: 'exited' as const, exitCode: 0 }
      : { state: 'running' as const }
  let fresh = 0
  for (const op of [...plan.services.flatMap((s) => s.ops), ...plan.orphans]) {
    const service = state.services.find((s) => s.name === op.service)
    if (op.kind === 'remove') containers = containers.filter((c) => c.id !== op.container.id)
    if (op.kind === 'start' || op.kind === 'restart') {
      containers = containers.map((c) =>
        c.id === op.container.id ? { ...c, ...ran(c.service) } : c,
      )
    }
    if ((op.kind === 'create' || op.kind === 'recreate') && service) {
      if (op.kind === 'recreate') containers = containers.filter((c) => c.id !== op.old.id)
      const base = container(service, op.number)
      containers.push({
        ...base,
        id: `new-${fresh++}`,
        name: op.name,
        imageId: images.get(service.image) ?? '',
        ...ran(op.service),
      })
    }
  }
  return { containers, networks, volumes, images }
}

const observedContainer = (services: string[]) =>
  fc.record({
    id: fc.uuid(),
    service: fc.constantFrom(...services),
    number: fc.integer({ min: 0, max: 5 }),
    canonical: fc.boolean(),
    hashMatches: fc.boolean(),
    imageMatches: fc.boolean(),
    state: fc.constantFrom(
      'created',
      'running',
      'paused',
      'restarting',
      'exited',
      'dead',
      'removing',
    ),
    exitCode: fc.constantFrom(0, 1, 137),
    oneoff: fc.boolean(),
  })

describe('convergence (property)', () => {
  const serviceNames = ['web', 'worker', 'migrate', 'orphan']

  it('applying the plan reaches the desired state, and a converged state plans nothing', () => {
    fc.assert(
      fc.property(
        fc.array(observedContainer(serviceNames), { maxLength: 12 }),
        fc.record({ web: fc.nat(3), worker: fc.nat(3), migrate: fc.nat(2) }),
        fc.boolean(),
        fc.constantFrom('missing' as const, 'always' as const),
        fc.subarray(['shop_back']),
        (raw, replicas, removeOrphans, pull, networks) => {
          const state: DesiredState = {
            ...desired,
            services: desired.services.map((s) => ({
              ...s,
              replicas: replicas[s.name as keyof typeof replicas],
            })),
          }
          const byName = new Map(state.services.map((s) => [s.name, s]))
          const seen = new Set<string>()
          const containers = raw
            .filter((c) => !seen.has(c.id) && seen.add(c.id))
            .filter((c) => c.state !== 'removing')
            .map((c): ObservedContainer => {
              const service = byName.get(c.service)
              return {
                id: c.id,
                name: c.canonical
                  ? `shop-${c.service}-${c.number}`
                  : `${c.id.slice(0, 12)}_shop-${c.service}-${c.number}`,
                service: c.service,
                number: c.number,
                hash: c.hashMatches && service ? service.hash : 'stale',
                imageId:
                  c.imageMatches && service ? (IMAGES.get(service.image) ?? '') : 'sha256:old',
                state: c.state,
                ...(c.state === 'exited' ? { exitCode: c.exitCode } : {}),
                oneoff: c.oneoff,
              }
            })
            // The engine never has two containers of one name.
            .filter((c, i, all) => all.findIndex((o) => o.name === c.name) === i)
          const before = observed(containers, {
            networks: new Set(networks),
            images: new Map(IMAGES),
          })
          const options = { pull, removeOrphans }

          const after = apply(state, before, options, IMAGES)

          expect(after).toBeDefined()
          if (!after) return
          for (const service of state.services) {
            const mine = after.containers.filter((c) => c.service === service.name && !c.oneoff)
            const settled = mine.filter((c) => !['paused', 'restarting'].includes(c.state))
            expect(mine).toHaveLength(service.replicas)
            expect(new Set(mine.map((c) => c.number)).size).toBe(mine.length)
            for (const c of mine) {
              expect(c.name).toBe(`shop-${service.name}-${c.number}`)
              expect(c.hash).toBe(service.hash)
              expect(c.imageId).toBe(IMAGES.get(service.image))
            }
            for (const c of settled) expect(['running', 'exited']).toContain(c.state)
          }
          const orphans = after.containers.filter((c) => !byName.has(c.service) && !c.oneoff)
          if (removeOrphans) expect(orphans).toEqual([])
          expect(after.networks.has('shop_back')).toBe(true)
          const again = planServices(state, after, { removeOrphans })
          expect(planResources(state, after, { pull: 'missing' }).steps).toEqual([])
          expect(again.services.flatMap((s) => s.ops)).toEqual([])
          expect(again.orphans).toEqual([])
        },
      ),
      { numRuns: 400 },
    )
  })
})
