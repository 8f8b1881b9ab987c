import { describe, expect, it } from 'vitest'
import { planResources } from '../deploy/plan-convergence.ts'
import type { DesiredService, ObservedState, PlanOptions } from '../deploy/plan-types.ts'

const web: DesiredService = {
  name: 'web',
  replicas: 1,
  hash: 'h-web',
  image: 'web:1',
  dependsOn: {},
}
const desired = { project: 'shop', services: [], networks: [], volumes: [] }
const observed = (over: Partial<ObservedState>): ObservedState => ({
  containers: [],
  networks: new Set(),
  volumes: new Set(),
  images: new Map(),
  ...over,
})

describe('planResources: pull policies and builds', () => {
  const app: DesiredService = {
    name: 'app',
    replicas: 1,
    hash: 'h-app',
    image: 'shop-app',
    source: { kind: 'build', digest: 'd1', rebuild: false },
    dependsOn: {},
  }
  const state = (images: Record<string, string>, buildDigests: Record<string, string> = {}) =>
    observed({
      images: new Map(Object.entries(images)),
      buildDigests: new Map(Object.entries(buildDigests)),
    })
  const plan = (services: DesiredService[], at: ObservedState, pull: PlanOptions['pull']) =>
    planResources({ ...desired, services }, at, { pull })

  it('builds an image the host lacks, or whose context digest changed, and never pulls it', () => {
    for (const pull of ['missing', 'always'] as const) {
      expect(plan([app], state({}), pull).steps).toEqual([
        { kind: 'build', service: 'app', image: 'shop-app' },
      ])
      expect(plan([app], state({ 'shop-app': 'i' }, { 'shop-app': 'd0' }), pull).steps).toEqual([
        { kind: 'build', service: 'app', image: 'shop-app' },
      ])
      expect(plan([app], state({ 'shop-app': 'i' }, { 'shop-app': 'd1' }), pull).steps).toEqual([])
    }
  })

  it('builds on every deploy with pull_policy build', () => {
    const always = { ...app, source: { kind: 'build', digest: 'd1', rebuild: true } } as const
    expect(
      plan([always], state({ 'shop-app': 'i' }, { 'shop-app': 'd1' }), 'missing').steps,
    ).toEqual([{ kind: 'build', service: 'app', image: 'shop-app' }])
  })

  it('does not pull an image another service builds', () => {
    const user = { ...web, image: 'shop-app' }
    expect(plan([app, user], state({}), 'always').steps).toEqual([
      { kind: 'build', service: 'app', image: 'shop-app' },
    ])
  })

  it('follows each service’s pull policy; a redeploy pulls only services without one', () => {
    const withPolicy = (policy: 'default' | 'missing' | 'always' | 'never') =>
      ({ ...web, source: { kind: 'pull', policy } }) as const
    const present = state({ 'web:1': 'i' })
    expect(plan([withPolicy('default')], present, 'always').steps).toHaveLength(1)
    expect(plan([withPolicy('missing')], present, 'always').steps).toEqual([])
    expect(plan([withPolicy('never')], present, 'always').steps).toEqual([])
    expect(plan([withPolicy('always')], present, 'missing').steps).toEqual([
      { kind: 'pull', image: 'web:1' },
    ])
    expect(plan([withPolicy('missing')], state({}), 'missing').steps).toEqual([
      { kind: 'pull', image: 'web:1' },
    ])
  })

  it('refuses a missing image of a pull_policy never service', () => {
    const never = { ...web, source: { kind: 'pull', policy: 'never' } } as const
    expect(plan([never], state({}), 'missing')).toEqual({
      errors: [
        'image web:1 is not on the host and service web has pull_policy never: pull or load it first',
      ],
      steps: [],
    })
  })

  it('pulls a refresh policy’s image when missing or when its tag is older than the interval', () => {
    const daily = {
      ...web,
      source: { kind: 'pull', policy: 'refresh', everyMs: 86_400_000 },
    } as const
    const at = (tagged: number) =>
      observed({ images: new Map([['web:1', 'i']]), tagTimes: new Map([['web:1', tagged]]) })
    const now = 10 * 86_400_000
    const pull = [{ kind: 'pull', image: 'web:1' }]
    const refresh = (state: ObservedState) =>
      planResources({ ...desired, services: [daily] }, state, { pull: 'missing' }, now).steps
    expect(refresh(at(now - 1_000))).toEqual([])
    expect(refresh(at(now - 86_400_000))).toEqual(pull)
    expect(refresh(observed({ images: new Map([['web:1', 'i']]) }))).toEqual(pull)
    expect(refresh(observed({}))).toEqual(pull)
  })
})
