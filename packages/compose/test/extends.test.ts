import { describe, expect, it } from 'vitest'
import { loadErrors, loadProject, yaml } from './support.ts'

describe('extends (the Compose Specification, "Merging service definitions")', () => {
  it('merges mappings key by key, whether written as a map or a list', () => {
    const project = loadProject(yaml`
      services:
        common:
          image: busybox
          environment:
            TZ: utc
            PORT: 80
        cli:
          extends:
            service: common
          environment:
            - PORT=8080
    `)
    expect(project.services.cli?.image).toBe('busybox')
    expect(project.services.cli?.environment).toEqual({ PORT: '8080', TZ: 'utc' })
  })

  it('treats volumes as a mapping keyed by their target', () => {
    const project = loadProject(yaml`
      services:
        common:
          image: busybox
          volumes:
            - common-volume:/var/lib/backup/data:rw
        cli:
          extends:
            service: common
          volumes:
            - cli-volume:/var/lib/backup/data:ro
      volumes:
        common-volume:
        cli-volume:
    `)
    expect(project.services.cli?.volumes).toEqual([
      {
        type: 'volume',
        source: 'cli-volume',
        target: '/var/lib/backup/data',
        readOnly: true,
        volume: { nocopy: false },
      },
    ])
  })

  it('follows a chain of extends until none is left', () => {
    const project = loadProject(yaml`
      services:
        base:
          image: busybox
          user: root
        common:
          image: busybox
          extends:
            service: base
        cli:
          extends:
            service: common
    `)
    expect(project.services.cli).toMatchObject({ image: 'busybox', user: 'root' })
  })

  it('appends sequences and drops duplicates', () => {
    const project = loadProject(yaml`
      services:
        common:
          image: busybox
          security_opt:
            - label:role:ROLE
          cap_add: [NET_ADMIN]
          ports: ["8080:80"]
        cli:
          extends: common
          security_opt:
            - label:user:USER
            - label:role:ROLE
          cap_add: [SYS_TIME, NET_ADMIN]
          ports: ["8443:443", "8080:80"]
    `)
    expect(project.services.cli?.securityOpt).toEqual(['label:role:ROLE', 'label:user:USER'])
    expect(project.services.cli?.capAdd).toEqual(['NET_ADMIN', 'SYS_TIME'])
    expect(project.services.cli?.ports.map((p) => p.published?.start)).toEqual([8080, 8443])
  })

  it('replaces command, entrypoint and healthcheck.test instead of appending', () => {
    const project = loadProject(yaml`
      services:
        base:
          image: busybox
          command: ["echo", "foo"]
          entrypoint: ["/init"]
          healthcheck:
            test: ["CMD", "true"]
            interval: 10s
        web:
          extends: base
          command: ["echo", "bar"]
          healthcheck:
            test: ["CMD", "false"]
    `)
    expect(project.services.web).toMatchObject({
      command: ['echo', 'bar'],
      entrypoint: ['/init'],
      healthcheck: { test: ['CMD', 'false'], interval: 10e9, disable: false },
    })
  })

  it('merges depends_on and networks whatever their syntax, and labels map with list', () => {
    const project = loadProject(yaml`
      services:
        db:
          image: postgres
        cache:
          image: redis
        base:
          image: busybox
          depends_on: [db]
          networks: [front]
          labels: {a: "1", b: "2"}
        web:
          extends: base
          depends_on:
            cache:
              condition: service_healthy
          networks:
            back:
              aliases: [api]
          labels: ["b=3"]
      networks:
        front:
        back:
    `)
    expect(project.services.web?.dependsOn).toEqual({
      db: { condition: 'service_started', restart: false, required: true },
      cache: { condition: 'service_healthy', restart: false, required: true },
    })
    expect(project.services.web?.networks).toEqual({
      front: { aliases: [] },
      back: { aliases: ['api'] },
    })
    expect(project.services.web?.labels).toEqual({ a: '1', b: '3' })
  })

  it('merges logging options for the same driver and replaces them for another', () => {
    const project = loadProject(yaml`
      services:
        base:
          image: busybox
          logging:
            driver: json-file
            options: {max-size: 10m}
        same:
          extends: base
          logging:
            options: {max-file: "3"}
        other:
          extends: base
          logging:
            driver: syslog
            options: {tag: web}
    `)
    expect(project.services.same?.logging).toEqual({
      driver: 'json-file',
      options: { 'max-size': '10m', 'max-file': '3' },
    })
    expect(project.services.other?.logging).toEqual({ driver: 'syslog', options: { tag: 'web' } })
  })

  it('merges a build context string with a build mapping', () => {
    const project = loadProject(yaml`
      services:
        base:
          build: ./app
        web:
          extends: base
          build:
            dockerfile: Dockerfile.prod
            args: [MODE=prod]
    `)
    expect(project.services.web?.build).toEqual({
      context: './app',
      dockerfile: 'Dockerfile.prod',
      args: { MODE: 'prod' },
    })
  })

  it('lets !reset drop and !override replace what the base set', () => {
    const project = loadProject(yaml`
      services:
        base:
          image: busybox
          ports: ["8080:80"]
          environment: {FOO: bar, KEEP: me}
          volumes: ["/a:/a"]
        web:
          extends: base
          ports: !reset []
          environment:
            FOO: !reset null
          volumes: !override ["/b:/b"]
    `)
    expect(project.services.web).toMatchObject({ ports: [], environment: { KEEP: 'me' } })
    expect(project.services.web?.volumes.map((v) => v.target)).toEqual(['/b'])
  })

  it.each([
    [
      'a cycle',
      yaml`
        services:
          a:
            image: busybox
            extends: b
          b:
            extends: a
      `,
      6,
      /circular extends: a -> b -> a/,
    ],
    [
      'a missing base',
      yaml`
        services:
          web:
            image: busybox
            extends:
              service: nope
      `,
      5,
      /cannot extend service "web": service "nope" not found/,
    ],
    [
      'a base of another kind',
      yaml`
        services:
          base:
            image: busybox
            deploy: {replicas: 2}
          web:
            extends: base
            deploy: 3
      `,
      7,
      /cannot override deploy/,
    ],
  ])('refuses %s at the line of the problem', (_name, text, line, message) => {
    const errors = loadErrors(text)
    expect(errors[0]).toMatchObject({ line, message: expect.stringMatching(message) })
  })
})
