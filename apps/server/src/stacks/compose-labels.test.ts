import type { Container } from '@harbormaster/engine'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COMPOSE, dependenciesOf, servicesOf, startOrder } from './compose-labels.ts'

function container(service: string, dependsOn = '', number = 1): Container {
  return {
    id: `${service}-${number}`,
    name: `p-${service}-${number}`,
    image: 'img',
    imageId: 'sha256:0',
    command: '',
    created: 0,
    state: 'running',
    status: 'Up',
    ports: [],
    labels: {
      [COMPOSE.project]: 'p',
      [COMPOSE.service]: service,
      [COMPOSE.containerNumber]: String(number),
      [COMPOSE.dependsOn]: dependsOn,
    },
    networks: {},
    mounts: [],
  }
}

const order = (containers: Container[]) => startOrder(servicesOf(containers)).map((s) => s.name)

describe('the compose depends_on label', () => {
  it('reads the CLI’s svc:condition:restart entries and the older short forms', () => {
    const labelled = container('web', 'db:service_healthy:true,cache:service_started:false,old')
    expect(dependenciesOf(labelled)).toEqual(['db', 'cache', 'old'])
    expect(dependenciesOf(container('db'))).toEqual([])
  })

  it('orders services after what they depend on, ties by name', () => {
    const containers = [
      container('worker', 'web:service_healthy:true,migrate:service_completed_successfully:false'),
      container('web', 'db:service_started:true'),
      container('migrate', 'db:service_healthy:false'),
      container('db'),
      container('adminer'),
    ]
    expect(order(containers)).toEqual(['adminer', 'db', 'migrate', 'web', 'worker'])
  })

  it('ignores dependencies with no containers, and still orders a cycle', () => {
    expect(order([container('a', 'gone:service_started:true'), container('b', 'a')])).toEqual([
      'a',
      'b',
    ])
    expect(order([container('a', 'b'), container('b', 'a'), container('c', 'a')])).toEqual([
      'a',
      'b',
      'c',
    ])
  })

  it('groups replicas under their service by container number', () => {
    const services = servicesOf([container('web', '', 2), container('web', '', 1)])
    expect(services.map((s) => [s.name, s.containers.map((c) => c.name)])).toEqual([
      ['web', ['p-web-1', 'p-web-2']],
    ])
  })

  it('puts every dependency before its dependent in any acyclic project', () => {
    // Service i may depend only on services with a smaller index: no cycles.
    const project = fc
      .array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 10 })
      .map((deps) =>
        deps.map((list, i) =>
          container(
            `s${i}`,
            list
              .filter(() => i > 0)
              .map((d) => `s${d % Math.max(i, 1)}:service_started:true`)
              .join(','),
          ),
        ),
      )
    fc.assert(
      fc.property(project, (containers) => {
        const sequence = order(containers)
        expect(sequence).toHaveLength(containers.length)
        for (const dependent of containers) {
          for (const dependency of dependenciesOf(dependent)) {
            const service = dependent.labels[COMPOSE.service] ?? ''
            expect(sequence.indexOf(dependency)).toBeLessThan(sequence.indexOf(service))
          }
        }
      }),
    )
  })
})
