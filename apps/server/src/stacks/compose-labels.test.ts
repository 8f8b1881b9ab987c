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
      container('app', 'web:service_healthy:true,migrate:service_completed_successfully:false'),
      container('web', 'db:service_started:true'),
      container('migrate', 'db:service_healthy:false'),
      container('db'),
      container('zz-admin'),
    ]
    expect(order(containers)).toEqual(['db', 'zz-admin', 'migrate', 'web', 'app'])
  })

  it('ignores dependencies with no containers, and still orders every service of a cycle', () => {
    expect(order([container('b', 'gone:service_started:true'), container('a', 'b')])).toEqual([
      'b',
      'a',
    ])
    expect(order([container('x', 'y'), container('y', 'x'), container('a')]).sort()).toEqual([
      'a',
      'x',
      'y',
    ])
  })

  it('groups replicas under their service by container number', () => {
    const services = servicesOf([container('web', '', 2), container('web', '', 1)])
    expect(services.map((s) => [s.name, s.containers.map((c) => c.name)])).toEqual([
      ['web', ['p-web-1', 'p-web-2']],
    ])
  })

  it('puts every dependency before its dependent in any acyclic project', () => {
    // Service i may depend only on services with a smaller index (no cycles); names are
    // random, so the order by name tells nothing.
    const project = fc
      .integer({ min: 1, max: 10 })
      .chain((size) =>
        fc
          .tuple(
            fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: size, maxLength: size }),
            fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: size, maxLength: size }),
          )
          .map(([names, deps]) =>
            names.map((name, i) =>
              container(
                name,
                (i === 0 ? [] : (deps[i] ?? []))
                  .map((d) => `${names[d % i] ?? ''}:service_started:true`)
                  .join(','),
              ),
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
