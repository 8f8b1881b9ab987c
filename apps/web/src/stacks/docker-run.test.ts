import { describe, expect, it } from 'vitest'
import { conversionToCompose } from './compose-text.ts'
import { convertDockerRun, type DockerRunConversion } from './docker-run.ts'

type Expected = Partial<Omit<DockerRunConversion, 'service'>> & {
  service: DockerRunConversion['service']
}

const cases: [string, string, Expected][] = [
  ['an image alone', 'docker run nginx', { serviceName: 'nginx', service: { image: 'nginx' } }],
  [
    'ports, env and --name, in both flag spellings',
    'docker run -d -p 8080:80 --publish=8443:443 -e A=1 --env B=two --name Web nginx:1.27',
    {
      serviceName: 'web',
      service: {
        image: 'nginx:1.27',
        ports: ['8080:80', '8443:443'],
        environment: ['A=1', 'B=two'],
      },
    },
  ],
  [
    'a named volume kept under its name, a bind mount as written',
    'docker run -v data:/var/lib/data -v ./conf:/etc/app:ro -v /cache postgres:17',
    {
      serviceName: 'postgres',
      service: {
        image: 'postgres:17',
        volumes: ['data:/var/lib/data', './conf:/etc/app:ro', '/cache'],
      },
      volumes: ['data'],
    },
  ],
  [
    'restart, labels and a custom network (external)',
    'docker run --restart unless-stopped -l tier=web --label=team=ops --network backend app',
    {
      service: {
        image: 'app',
        restart: 'unless-stopped',
        labels: ['tier=web', 'team=ops'],
        networks: ['backend'],
      },
      networks: ['backend'],
    },
  ],
  [
    'host networking as network_mode',
    'docker run --net=host app',
    { service: { image: 'app', network_mode: 'host' }, networks: [] },
  ],
  [
    'the command after the image, quoted arguments kept whole',
    `docker run --rm -it busybox sh -c "echo 'hi there' && sleep 1"`,
    {
      service: {
        image: 'busybox',
        stdin_open: true,
        tty: true,
        command: ['sh', '-c', "echo 'hi there' && sleep 1"],
      },
      warnings: ['Not converted: --rm'],
    },
  ],
  [
    'bundled short flags with an attached value, and docker container run',
    'docker container run -dp80:80 -eX=1 ghcr.io/org/api@sha256:abc',
    {
      serviceName: 'api',
      service: { image: 'ghcr.io/org/api@sha256:abc', ports: ['80:80'], environment: ['X=1'] },
    },
  ],
  [
    'unknown and unconverted flags listed with their values, not read as the image',
    'docker run --memory 512m --cpus=1.5 --frobnicate -v x:/x --pull always redis',
    {
      service: { image: 'redis', volumes: ['x:/x'] },
      volumes: ['x'],
      warnings: [
        'Not converted: --memory 512m',
        'Not converted: --cpus 1.5',
        'Not converted: --frobnicate',
        'Not converted: --pull always',
      ],
    },
  ],
  [
    'line continuations, user, workdir, entrypoint and init',
    'docker run \\\n  -u 1000 -w /srv --entrypoint /bin/sh --init \\\n  alpine -c "ls"',
    {
      service: {
        image: 'alpine',
        user: '1000',
        working_dir: '/srv',
        entrypoint: ['/bin/sh'],
        init: true,
        command: ['-c', 'ls'],
      },
    },
  ],
  [
    'everything after -- is the image and its command',
    'docker run -e A=1 -- app --flag',
    { service: { image: 'app', environment: ['A=1'], command: ['--flag'] } },
  ],
]

describe('convertDockerRun', () => {
  it.each(cases)('converts %s', (_name, command, expected) => {
    const result = convertDockerRun(command)
    if (!result.ok) throw new Error(result.error)
    expect(result.conversion).toEqual({
      serviceName: expected.serviceName ?? expected.service.image.split(':')[0],
      volumes: [],
      networks: [],
      warnings: [],
      ...expected,
    })
  })

  it.each([
    ['not a docker run', 'podman run nginx', 'Expected a command starting with docker run'],
    ['an open quote', 'docker run -e "A=1 nginx', 'A quote is left open'],
    ['no image', 'docker run -d -p 80:80', 'The command names no image'],
    ['a flag missing its value', 'docker run --name', '--name needs a value'],
  ])('refuses %s', (_name, command, error) => {
    const result = convertDockerRun(command)
    expect(result).toEqual({ ok: false, error })
  })
})

describe('conversionToCompose', () => {
  it('writes quoted values with $ doubled, named volumes by name and networks external', () => {
    const result = convertDockerRun(
      `docker run --name web -e 'PRICE=$5' -v data:/d --network backend --privileged nginx`,
    )
    if (!result.ok) throw new Error(result.error)
    expect(conversionToCompose(result.conversion)).toBe(
      [
        'services:',
        '  web:',
        '    image: "nginx"',
        '    environment:',
        '      - "PRICE=$$5"',
        '    volumes:',
        '      - "data:/d"',
        '    networks:',
        '      - "backend"',
        '    privileged: true',
        'volumes:',
        '  data:',
        '    name: "data"',
        'networks:',
        '  backend:',
        '    external: true',
        '',
      ].join('\n'),
    )
  })
})
