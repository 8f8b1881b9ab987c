import { describe, expect, it } from 'vitest'
import { loadComposeProject } from '../src/index.ts'
import { load, loadErrors, loadProject, yaml } from './support.ts'

const minimal = 'services:\n  web:\n    image: nginx\n'

describe('the project name', () => {
  it('is the given name, which wins over the file and the environment', () => {
    const project = loadProject(`name: other\n${minimal}`, {
      projectName: 'given',
      environment: { COMPOSE_PROJECT_NAME: 'env' },
    })
    expect(project.name).toBe('given')
    expect(project.networks.default?.name).toBe('given_default')
  })

  it('refuses a given name compose would refuse', () => {
    for (const name of ['Web', '-web', 'web app', '']) {
      expect(loadErrors(minimal, { projectName: name })).toEqual([
        expect.objectContaining({
          line: 1,
          column: 1,
          message: expect.stringMatching(/invalid project name/),
        }),
      ])
    }
  })

  it('comes from COMPOSE_PROJECT_NAME, then from the file, normalised as compose does', () => {
    expect(
      loadProject(minimal, { projectName: undefined, dotenv: 'COMPOSE_PROJECT_NAME=from-env\n' })
        .name,
    ).toBe('from-env')
    const result = load(`name: "\${APP:-My_App}"\n${minimal}`, { projectName: undefined })
    expect(result.ok && result.project.name).toBe('my_app')
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 1,
        message: 'the project name "My_App" is used as "my_app"',
      }),
    ])
  })

  it('is required, and the file can interpolate it as COMPOSE_PROJECT_NAME', () => {
    expect(loadErrors(minimal, { projectName: undefined })).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/no name/) }),
    ])
    const project = loadProject(
      'services:\n  web:\n    image: nginx\n    hostname: ${COMPOSE_PROJECT_NAME}-web\n',
    )
    expect(project.services.web?.hostname).toBe('demo-web')
  })
})

describe('variables', () => {
  it('come from .env, which may use the environment, and the environment wins', () => {
    const project = loadProject(
      'services:\n  web:\n    image: "nginx:${TAG}"\n    user: "${UID_GID}"\n    hostname: $HOST\n',
      {
        dotenv: 'TAG=1.27\nUID_GID="${UID:-1000}:1000"\nHOST=from-dotenv\n',
        environment: { UID: '33', HOST: 'from-environment' },
      },
    )
    expect(project.services.web).toMatchObject({
      image: 'nginx:1.27',
      user: '33:1000',
      hostname: 'from-environment',
    })
  })

  it('are cast where compose casts them, and refused where the cast fails', () => {
    const text =
      'services:\n  web:\n    image: nginx\n    privileged: ${PRIV:-false}\n    deploy:\n      replicas: "${N:-2}"\n'
    expect(loadProject(text)).toMatchObject({
      services: { web: { privileged: false, replicas: 2 } },
    })
    expect(loadProject(text, { environment: { PRIV: 'yes', N: '3' } })).toMatchObject({
      services: { web: { privileged: true, replicas: 3 } },
    })
    expect(loadErrors(text, { environment: { PRIV: 'maybe' } })).toEqual([
      expect.objectContaining({
        line: 4,
        path: ['services', 'web', 'privileged'],
        message: expect.stringMatching(/invalid boolean: maybe/),
      }),
    ])
  })
})

describe('a service environment', () => {
  const text = yaml`
    services:
      web:
        image: nginx
        env_file:
          - base.env
          - path: local.env
            required: false
          - override.env
        environment:
          FROM_PROJECT:
          MISSING:
          OVERRIDDEN: by-environment
          UNSET_ME:
  `
  const files = {
    'base.env': 'SHARED=base\nOVERRIDDEN=base\nUNSET_ME=base\nREF=${FROM_PROJECT}-${SHARED}\n',
    'override.env': 'SHARED=override\nLATER="${SHARED} again"\n',
  }

  it('is environment over the env_files in order, KEY alone resolved from the variables or left out', () => {
    const result = load(text, { files, dotenv: 'FROM_PROJECT=project\n' })
    expect(result.ok && result.project.services.web?.environment).toEqual({
      SHARED: 'override',
      REF: 'project-base',
      LATER: 'override again',
      FROM_PROJECT: 'project',
      OVERRIDDEN: 'by-environment',
    })
    expect(result.ok && result.project.services.web?.envFiles).toEqual([
      { path: 'base.env', required: true },
      { path: 'local.env', required: false },
      { path: 'override.env', required: true },
    ])
    expect(result.warnings.map((w) => [w.line, w.message])).toEqual([
      [11, "MISSING has no value here nor in the stack's variables: it is left unset"],
      [13, "UNSET_ME has no value here nor in the stack's variables: it is left unset"],
    ])
  })

  it('reads the list form like the map form', () => {
    const project = loadProject(
      'services:\n  web:\n    image: nginx\n    environment: [A=1, B=x=y, "C=", D]\n',
      {
        environment: { D: 'from-env' },
      },
    )
    expect(project.services.web?.environment).toEqual({ A: '1', B: 'x=y', C: '', D: 'from-env' })
  })
})

describe('top-level networks, volumes, secrets and configs', () => {
  it('get the engine names compose gives them', () => {
    const result = load(yaml`
      services:
        web:
          image: nginx
          networks: [front, outside]
          volumes: [data:/data, shared:/shared, legacy:/legacy]
          secrets: [token, {source: cert, target: tls.pem, mode: 0400}]
          configs: [site]
      networks:
        front:
          driver: bridge
          driver_opts: {com.docker.network.bridge.name: br-front}
          ipam:
            config:
              - subnet: 172.28.0.0/16
                ip_range: 172.28.5.0/24
                gateway: 172.28.5.254
          internal: true
          labels: [team=web]
        outside:
          external: true
      volumes:
        data:
          driver_opts: {type: tmpfs, device: tmpfs}
        shared:
          external: true
          name: the-shared-volume
        legacy:
          external:
            name: old-volume
      secrets:
        token:
          file: ./token.txt
        cert:
          file: ./cert.pem
      configs:
        site:
          file: ./site.conf
    `)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    const { networks, volumes, secrets, configs, services } = result.project
    expect(networks).toEqual({
      front: {
        name: 'demo_front',
        external: false,
        driver: 'bridge',
        driverOpts: { 'com.docker.network.bridge.name': 'br-front' },
        ipam: {
          config: [
            {
              subnet: '172.28.0.0/16',
              ipRange: '172.28.5.0/24',
              gateway: '172.28.5.254',
              auxAddresses: {},
            },
          ],
          options: {},
        },
        labels: { team: 'web' },
        internal: true,
        attachable: false,
      },
      outside: {
        name: 'outside',
        external: true,
        driverOpts: {},
        labels: {},
        internal: false,
        attachable: false,
      },
    })
    expect(volumes).toEqual({
      data: {
        name: 'demo_data',
        external: false,
        driverOpts: { type: 'tmpfs', device: 'tmpfs' },
        labels: {},
      },
      shared: { name: 'the-shared-volume', external: true, driverOpts: {}, labels: {} },
      legacy: { name: 'old-volume', external: true, driverOpts: {}, labels: {} },
    })
    expect(secrets).toEqual({
      token: { name: 'demo_token', file: './token.txt' },
      cert: { name: 'demo_cert', file: './cert.pem' },
    })
    expect(configs).toEqual({ site: { name: 'demo_site', file: './site.conf' } })
    expect(services.web?.secrets).toEqual([
      { source: 'token', target: '/run/secrets/token' },
      { source: 'cert', target: '/run/secrets/tls.pem', mode: 0o400 },
    ])
    expect(services.web?.configs).toEqual([{ source: 'site', target: '/site' }])
    expect(result.warnings).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/external.name is deprecated/) }),
    ])
  })

  it('refuses an external resource with settings the engine would ignore', () => {
    expect(
      loadErrors(
        'services:\n  web: {image: nginx}\nvolumes:\n  data:\n    external: true\n    driver: local\n',
      ),
    ).toEqual([
      expect.objectContaining({
        line: 6,
        message: 'conflicting parameters "external" and "driver" specified',
      }),
    ])
  })

  it('adds the default network only when a service uses it', () => {
    const project = loadProject(
      'services:\n  a: {image: x, network_mode: host}\n  b: {image: x, networks: [n]}\nnetworks:\n  n:\n',
    )
    expect(Object.keys(project.networks)).toEqual(['n'])
    expect(project.services.a?.networks).toEqual({})
    expect(project.services.a?.networkMode).toBe('host')
  })
})

describe('consistency, as compose checks it', () => {
  it.each([
    ['services:\n  web: {}\n', 2, 'service "web" has neither an image nor a build context'],
    [
      'services:\n  web:\n    image: x\n    networks: [nope]\n',
      4,
      'service "web" refers to undefined network "nope"',
    ],
    [
      'services:\n  web:\n    image: x\n    volumes: [nope:/data]\n',
      4,
      'service "web" refers to undefined volume "nope"',
    ],
    [
      'services:\n  web:\n    image: x\n    secrets: [nope]\n',
      4,
      'service "web" refers to undefined secret "nope"',
    ],
    [
      'services:\n  web:\n    image: x\n    depends_on: [nope]\n',
      4,
      'service "web" depends on undefined service "nope"',
    ],
    [
      'services:\n  web:\n    image: x\n    network_mode: service:nope\n',
      4,
      'service "nope" not found for network_mode "service:nope"',
    ],
    [
      'services:\n  web:\n    image: x\n    network_mode: host\n    networks: [n]\nnetworks:\n  n:\n',
      5,
      'service "web" declares mutually exclusive "network_mode" and "networks"',
    ],
    [
      'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n',
      4,
      'dependency cycle detected: a -> b -> a',
    ],
    [
      'services:\n  web:\n    image: x\n    scale: 2\n    deploy: {replicas: 3}\n',
      4,
      'can\'t set distinct values on "scale" and "deploy.replicas"',
    ],
    [
      'services:\n  web:\n    image: x\n    mem_limit: 1g\n    deploy: {resources: {limits: {memory: 2g}}}\n',
      4,
      'can\'t set distinct values on "mem_limit" and "deploy.resources.limits.memory"',
    ],
    [
      'secrets:\n  s: {}\nservices:\n  web: {image: x}\n',
      2,
      '"s" needs a "file": secrets and configs of a stack are files of the stack',
    ],
  ])('%j is refused at line %i', (text, line, message) => {
    expect(loadErrors(text)).toEqual([expect.objectContaining({ line, message })])
  })

  it('makes network_mode service:x a dependency on x', () => {
    const project = loadProject(
      'services:\n  vpn: {image: x}\n  app:\n    image: y\n    network_mode: service:vpn\n',
    )
    expect(project.services.app?.dependsOn).toEqual({
      vpn: { condition: 'service_started', restart: true, required: true },
    })
  })
})

describe('bad input', () => {
  it('refuses a value of more than 256 templates at its line, and reads one of 256', () => {
    const value = (n: number) => `services:\n  web:\n    image: "${'${A:-x}'.repeat(n)}"\n`
    expect(loadErrors(value(257))).toEqual([
      expect.objectContaining({ line: 3, message: 'more than 256 ${…} templates in one value' }),
    ])
    expect(load(value(256)).ok).toBe(true)
  })

  it.each([
    ['', /empty/],
    ['just a string', /must be a mapping/],
    ['- a\n- b\n', /must be a mapping/],
    ['services:\n  web:\n    image: *nope\n', /unknown anchor \*nope/],
    ['a: &a [*a]\n', /refers to a node that contains it/],
    ['services:\n  80: {image: x}\n', /non-string key 80/],
    ['services:\n  web: {image: x}\n---\nservices: {}\n', /multiple documents/],
    ['services: {web: {image: x}}\nservices: {}\n', /unique/],
  ])('%j gives an error (%s), never an exception', (text, message) => {
    expect(loadErrors(text)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: expect.stringMatching(message) }),
      ]),
    )
  })

  it('stops a document that expands to too many nodes through aliases', () => {
    const laughs = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for (let level = 1; level < 8; level++) {
      const previous = String.fromCharCode(96 + level)
      const name = String.fromCharCode(97 + level)
      laughs.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`)
    }
    expect(loadErrors(`${laughs.join('\n')}\n`)).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringMatching(/more than 100000 nodes/),
      }),
    ])
  })

  it("answers an exception from the caller's readFile as an error at the env_file entry", () => {
    const result = loadComposeProject({
      projectName: 'demo',
      file: { text: 'services:\n  web:\n    image: x\n    env_file: a.env\n' },
      readFile: () => {
        throw new Error('disk on fire')
      },
    })
    expect(result).toMatchObject({
      ok: false,
      errors: [{ line: 4, column: 15, message: 'env file a.env could not be read: disk on fire' }],
    })
  })

  it('warns that version is obsolete', () => {
    expect(load(`version: "3.8"\n${minimal}`).warnings).toEqual([
      expect.objectContaining({
        line: 1,
        message: 'the attribute "version" is obsolete and ignored',
      }),
    ])
  })
})
