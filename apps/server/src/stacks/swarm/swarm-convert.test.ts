import { loadComposeProject } from '@harbormaster/compose'
import { describe, expect, it } from 'vitest'
import { STACK_IMAGE, STACK_NAMESPACE, toSwarmStack } from './swarm-convert.ts'

function project(text: string) {
  const loaded = loadComposeProject({
    projectName: 'shop',
    file: { text },
    readFile: () => undefined,
  })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
  return loaded.project
}

describe('a compose project as docker stack deploy converts it', () => {
  it('names and labels every object by the stack, and carries the deploy keys', () => {
    const plan = toSwarmStack(
      project(`services:
  web:
    image: nginx:1.27
    entrypoint: ["/init"]
    command: ["serve"]
    labels: { tier: web }
    restart: on-failure:3
    cap_add: [net_admin]
    ports: ["8080:80", { target: 443, published: 8443, mode: host }]
    networks: [front]
    secrets: [token]
    configs: [conf]
    deploy:
      mode: global
      labels: { role: front }
      endpoint_mode: dnsrr
      placement: { preferences: [{ spread: node.labels.zone }], max_replicas_per_node: 2 }
      rollback_config: { order: start-first }
networks:
  front: {}
secrets:
  token: { file: ./token }
configs:
  conf: { file: ./conf }
`),
      { team: 'a' },
    )
    expect(plan.services).toHaveLength(1)
    expect(plan.services[0]?.settings).toEqual({
      name: 'shop_web',
      image: 'nginx:1.27',
      labels: { role: 'front', team: 'a', [STACK_NAMESPACE]: 'shop', [STACK_IMAGE]: 'nginx:1.27' },
      containerLabels: { tier: 'web', team: 'a', [STACK_NAMESPACE]: 'shop' },
      command: ['/init'],
      args: ['serve'],
      secrets: [{ name: 'shop_token', target: 'token' }],
      configs: [{ name: 'shop_conf', target: 'conf' }],
      capAdd: ['CAP_NET_ADMIN'],
      networks: [{ name: 'shop_front', aliases: ['web'] }],
      ports: [
        { targetPort: 80, publishedPort: 8080, protocol: 'tcp', mode: 'ingress' },
        { targetPort: 443, publishedPort: 8443, protocol: 'tcp', mode: 'host' },
      ],
      endpointMode: 'dnsrr',
      mode: { global: true },
      placement: { spread: ['node.labels.zone'], maxReplicas: 2 },
      resources: {},
      restartPolicy: { condition: 'on-failure', maxAttempts: 3 },
      rollbackConfig: { parallelism: 1, order: 'start-first' },
    })
    expect(plan.networks).toEqual([
      {
        name: 'shop_front',
        driver: 'overlay',
        labels: { team: 'a', [STACK_NAMESPACE]: 'shop' },
      },
    ])
    expect(plan.secrets).toEqual([
      {
        key: 'token',
        name: 'shop_token',
        file: './token',
        labels: { team: 'a', [STACK_NAMESPACE]: 'shop' },
      },
    ])
    expect(plan.ignored).toEqual([])
    expect(plan.problems).toEqual([])
  })

  it('lists what a swarm ignores, and refuses what a service here cannot carry, at its key', () => {
    const plan = toSwarmStack(
      project(`services:
  web:
    image: nginx:1.27
    privileged: true
    depends_on: [db]
    tty: true
    ulimits: { nofile: 1024 }
  db:
    image: postgres:17
    deploy: { mode: replicated-job }
`),
      {},
    )
    expect(plan.ignored).toEqual(['depends_on', 'privileged'])
    expect(plan.problems.map((p) => p.path.join('.'))).toEqual([
      'services.web.tty',
      'services.web.ulimits',
      'services.db.deploy.mode',
    ])
  })
})
