import { describe, expect, it } from 'vitest'
import { loadErrors, loadProject, yaml } from './support.ts'

const SECOND = 1e9

describe('a service in canonical form', () => {
  it('reads every supported key', () => {
    const project = loadProject(
      yaml`
        services:
          db:
            image: postgres
            healthcheck:
              test: pg_isready
          web:
            image: registry.local/web:1.2
            build:
              context: ./web
              dockerfile: Dockerfile.prod
              target: runtime
              args:
                VERSION: "1.2"
                FROM_ENV:
                NOT_SET:
            command: /bin/sh -c 'echo "hello $$HOSTNAME"'
            entrypoint: ""
            labels: [com.example.team=web, com.example.empty]
            user: "1000:1000"
            working_dir: /srv
            hostname: web
            init: true
            tty: true
            stdin_open: true
            stop_signal: SIGINT
            stop_grace_period: 1m30s
            restart: unless-stopped
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost"]
              interval: 30s
              timeout: 10s
              retries: 3
              start_period: 40s
              start_interval: 5s
            depends_on:
              db:
                condition: service_healthy
                restart: true
            ulimits:
              nproc: 65535
              nofile: {soft: 20000, hard: 40000}
            logging:
              driver: json-file
              options: {max-size: 10m, max-file: 3}
            deploy:
              replicas: 2
              resources:
                limits: {cpus: "1.5", memory: 512m, pids: 100}
                reservations: {cpus: 0.25, memory: 128m}
            cap_add: [NET_ADMIN]
            cap_drop: [ALL]
            privileged: false
            devices: ["/dev/fuse", "/dev/sda:/dev/xvda:r", {source: /dev/kvm}]
            security_opt: [no-new-privileges:true]
            sysctls: {net.core.somaxconn: 1024, net.ipv4.tcp_syncookies: 0}
            profiles: [web]
      `,
      { profiles: ['web'], environment: { FROM_ENV: 'env-value' } },
    )
    expect(project.services.web).toEqual({
      name: 'web',
      image: 'registry.local/web:1.2',
      build: {
        context: './web',
        dockerfile: 'Dockerfile.prod',
        target: 'runtime',
        args: { VERSION: '1.2', FROM_ENV: 'env-value' },
      },
      command: ['/bin/sh', '-c', 'echo "hello $HOSTNAME"'],
      entrypoint: [],
      environment: {},
      envFiles: [],
      labels: { 'com.example.team': 'web', 'com.example.empty': '' },
      ports: [],
      expose: [],
      volumes: [],
      networks: { default: { aliases: [] } },
      dependsOn: { db: { condition: 'service_healthy', restart: true, required: true } },
      healthcheck: {
        test: ['CMD', 'curl', '-f', 'http://localhost'],
        interval: 30 * SECOND,
        timeout: 10 * SECOND,
        retries: 3,
        startPeriod: 40 * SECOND,
        startInterval: 5 * SECOND,
        disable: false,
      },
      restart: { name: 'unless-stopped' },
      user: '1000:1000',
      workingDir: '/srv',
      hostname: 'web',
      init: true,
      tty: true,
      stdinOpen: true,
      stopSignal: 'SIGINT',
      stopGracePeriod: 90 * SECOND,
      ulimits: { nproc: { soft: 65535, hard: 65535 }, nofile: { soft: 20000, hard: 40000 } },
      logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
      replicas: 2,
      resources: {
        limits: { cpus: 1.5, memory: 512 * 2 ** 20, pids: 100 },
        reservations: { cpus: 0.25, memory: 128 * 2 ** 20 },
      },
      capAdd: ['NET_ADMIN'],
      capDrop: ['ALL'],
      privileged: false,
      devices: [
        { source: '/dev/fuse', target: '/dev/fuse', permissions: 'rwm' },
        { source: '/dev/sda', target: '/dev/xvda', permissions: 'r' },
        { source: '/dev/kvm', target: '/dev/kvm', permissions: 'rwm' },
      ],
      securityOpt: ['no-new-privileges:true'],
      sysctls: { 'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': '0' },
      secrets: [],
      configs: [],
      profiles: ['web'],
    })
    expect(project.services.db?.healthcheck).toEqual({
      test: ['CMD-SHELL', 'pg_isready'],
      disable: false,
    })
  })

  it.each([
    ['command: [echo, hi]', { command: ['echo', 'hi'] }],
    ['command: []', { command: [] }],
    ['command: null', {}],
    ['entrypoint: ["/init", "--"]', { entrypoint: ['/init', '--'] }],
    ['restart: "no"', { restart: { name: 'no' } }],
    ['restart: on-failure', { restart: { name: 'on-failure' } }],
    ['restart: on-failure:5', { restart: { name: 'on-failure', maximumRetryCount: 5 } }],
    ['healthcheck: {disable: true}', { healthcheck: { disable: true } }],
    ['healthcheck: {test: [NONE]}', { healthcheck: { test: ['NONE'], disable: true } }],
    ['sysctls: [net.core.somaxconn=1024]', { sysctls: { 'net.core.somaxconn': '1024' } }],
    ['scale: 0', { replicas: 0 }],
    [
      'cpus: 0.5\n    mem_limit: 1g\n    mem_reservation: 256m\n    pids_limit: 50',
      {
        resources: {
          limits: { cpus: 0.5, memory: 2 ** 30, pids: 50 },
          reservations: { memory: 256 * 2 ** 20 },
        },
      },
    ],
    ['build: .', { build: { context: '.', dockerfile: 'Dockerfile', args: {} } }],
    [
      'build: {args: [A=1, B]}',
      { build: { context: '.', dockerfile: 'Dockerfile', args: { A: '1' } } },
    ],
  ])('%s', (line, expected) => {
    const project = loadProject(`services:\n  web:\n    image: x\n    ${line}\n`)
    expect(project.services.web).toMatchObject(expected)
    if (Object.keys(expected).length === 0) expect(project.services.web?.command).toBeUndefined()
  })

  it.each([
    ['stop_grace_period: "10"', 4, /missing unit in duration "10"/],
    ['stop_grace_period: 10', 4, /^must be a string$/],
    ['healthcheck: {interval: soon}', 4, /invalid duration "soon"/],
    ['healthcheck: {test: [curl, x]}', 4, /must start with "CMD", "CMD-SHELL" or "NONE"/],
    ['restart: sometimes', 4, /invalid restart policy "sometimes"/],
    ['deploy: {resources: {limits: {memory: lots}}}', 4, /invalid size "lots"/],
    ['command: echo a && echo b', 4, /shell operator "&"/],
    ['command: "echo \'unclosed"', 4, /unterminated/],
    ['devices: ["a:b:c:d"]', 4, /confusing device mapping/],
    ['ulimits: {nofile: {soft: x, hard: 1}}', 4, /^invalid integer: x$/],
  ])('refuses %s at its line', (line, lineNumber, message) => {
    expect(loadErrors(`services:\n  web:\n    image: x\n    ${line}\n`)).toEqual([
      expect.objectContaining({ line: lineNumber, message: expect.stringMatching(message) }),
    ])
  })

  it('reads YAML scalars as compose does: yes is a string, 0755 is octal, quoted numbers are strings', () => {
    const project = loadProject(yaml`
      services:
        web:
          image: x
          labels:
            yes: yes
            octal: 0755
            quoted: "0755"
            float: 1.50
            hex: 0x1F
      `)
    expect(project.services.web?.labels).toEqual({
      yes: 'yes',
      octal: '493',
      quoted: '0755',
      float: '1.5',
      hex: '31',
    })
  })
})
