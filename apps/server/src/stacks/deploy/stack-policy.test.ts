import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  labelsYaml,
  projectObjects,
  storeStack,
  up,
} from '../../../test/stack-deploy.ts'

const h = startHarness()
const lowPort = 900 + Math.floor(Math.random() * 100)

/**
 * The container create's refused settings (policy/operator-settings.test.ts) as a compose file
 * writes them: the service's extra lines, the key path an issue must name, and a text on the
 * line it must point at. Settings compose has no key for (pid, ipc, uts, userns, cgroup, runtime,
 * cgroup_parent, volume_driver, volumes_from) are refused by the reader for everyone.
 */
interface Case {
  setting: string
  lines: string
  path: string
  at: string
  /** Top-level lines (an anchor) and `.env`. */
  before?: string
  env?: string
}

const SETTINGS: Case[] = [
  {
    setting: 'privileged',
    lines: 'privileged: true',
    path: 'services.app.privileged',
    at: 'privileged',
  },
  {
    setting: 'network_mode',
    lines: 'network_mode: host',
    path: 'services.app.network_mode',
    at: 'network_mode',
  },
  {
    setting: 'cap_add',
    lines: 'cap_add: [NET_ADMIN]',
    path: 'services.app.cap_add[0]',
    at: 'cap_add',
  },
  {
    setting: 'security_opt',
    lines: 'security_opt: ["seccomp=unconfined"]',
    path: 'services.app.security_opt[0]',
    at: 'security_opt',
  },
  {
    setting: 'devices',
    lines: 'devices: ["/dev/null:/dev/hm-null"]',
    path: 'services.app.devices[0]',
    at: 'devices',
  },
  {
    setting: 'sysctls',
    lines: 'sysctls:\n  net.ipv4.ip_forward: "1"',
    path: 'services.app.sysctls.net.ipv4.ip_forward',
    at: 'ip_forward',
  },
  {
    setting: 'a host path',
    lines: 'volumes: ["/etc:/host-etc:ro"]',
    path: 'services.app.volumes[0]',
    at: '/etc',
  },
  {
    setting: 'the engine socket',
    lines: 'volumes: ["/var/run/docker.sock:/var/run/docker.sock"]',
    path: 'services.app.volumes[0]',
    at: 'docker.sock',
  },
  {
    setting: 'a bind in long syntax',
    lines: 'volumes:\n  - type: bind\n    source: /\n    target: /host',
    path: 'services.app.volumes[0]',
    at: 'type: bind',
  },
  {
    setting: 'a port below 1024',
    lines: `ports: ["${lowPort}:80"]`,
    path: 'services.app.ports[0]',
    at: `${lowPort}:80`,
  },
  {
    setting: 'a port below 1024 in long syntax',
    lines: `ports:\n  - target: 80\n    published: ${lowPort + 1}`,
    path: 'services.app.ports[0]',
    at: 'target: 80',
  },
  {
    setting: 'a reserved label',
    lines: 'labels:\n  io.harbormaster.owner: me',
    path: 'services.app.labels.io.harbormaster.owner',
    at: 'io.harbormaster.owner',
  },
  {
    setting: 'a log driver that leaves the host',
    lines: 'logging:\n  driver: gelf\n  options:\n    gelf-address: udp://127.0.0.1:12201',
    path: 'services.app.logging.driver',
    at: 'driver: gelf',
  },
  {
    setting: 'privileged through an anchor and a merge key',
    before: 'x-danger: &danger\n  privileged: true',
    lines: '<<: *danger',
    path: 'services.app.privileged',
    at: 'privileged: true',
  },
  {
    setting: 'a capability interpolated from .env',
    lines: 'cap_add: ["${CAP}"]',
    env: 'CAP=SYS_ADMIN\n',
    path: 'services.app.cap_add[0]',
    at: '${CAP}',
  },
]

/** A one-service stack with `extra` under the service; every object carries the run label. */
function composeWith(c: Case, extends_ = false): string {
  const indent = (text: string, by: string) => text.replace(/^/gm, by)
  const service = c.lines.startsWith('labels:')
    ? c.lines.replace(
        'labels:\n',
        `labels:\n  ${Object.keys(h.labels)[0]}: "${Object.values(h.labels)[0]}"\n`,
      )
    : `${c.lines}\nlabels: ${labelsYaml(h)}`
  const base = `image: ${h.fixtureImage}\ncommand: ${QUICK_STOP}`
  const services = extends_
    ? `  base:\n${indent(`${base}\n${service}\nscale: 0`, '    ')}\n  app:\n    extends: base\n    scale: 1\n`
    : `  app:\n${indent(`${base}\n${service}`, '    ')}\n`
  return `${c.before ? `${c.before}\n` : ''}services:\n${services}networks:\n  default:\n    labels: ${labelsYaml(h)}\n`
}

const lineOf = (text: string, marker: string) =>
  text.split('\n').findIndex((line) => line.includes(marker)) + 1

describe('a stack with a setting only an admin may use', () => {
  const cases = [
    ...SETTINGS.map((c) => [c.setting, c, false] as const),
    ['privileged through extends', SETTINGS[0], true] as const,
  ]

  it.each(cases)(
    'refuses %s to an operator at its key and line, and creates nothing',
    async (_name, c, extends_) => {
      if (!c) throw new Error('no case')
      const operator = await h.as('operator')
      const name = h.uniqueName('deny')
      const compose = composeWith(c, extends_)
      await storeStack(operator, name, compose, c.env ?? '')
      const line = lineOf(compose, c.at)

      const res = await operator.post(`${STACKS}/${name}/up`, {})
      const validation = await operator.post(`${STACKS}/validate`, {
        name,
        compose,
        env: c.env ?? '',
      })

      await expectApiError(
        res,
        403,
        'forbidden',
        new RegExp(
          `compose\\.yaml:${line} ${c.path.replace(/[.[\]]/g, '\\$&')}: Only an admin may use`,
        ),
      )
      for (const kind of ['container', 'network', 'volume'] as const) {
        expect(await projectObjects(h, kind, name)).toEqual([])
      }
      expect(validation.status).toBe(200)
      const issue = expect.objectContaining({ kind: 'policy', path: c.path, line })
      const { issues } = (await validation.json()) as { issues: unknown[] }
      // Through extends, the base service (scaled to 0) is refused at the same line as well.
      expect(issues).toEqual(extends_ ? expect.arrayContaining([issue]) : [issue])
    },
  )

  it.each(SETTINGS.map((c) => [c.setting, c] as const))(
    'lets an admin deploy %s',
    async (_name, c) => {
      const admin = await h.as('admin')
      const name = h.uniqueName('allow')
      const compose = composeWith(c)
      await storeStack(admin, name, compose, c.env ?? '')

      const lines = await up(admin, name)

      // A privileged container cannot start in this sandbox's engine (runc may not apply every
      // capability here): the engine's answer, after the policy let the container be created.
      const last = lines.at(-1)
      if (last?.type !== 'done') expect(last?.error?.message).toMatch(/unable to apply caps/)
      expect(await projectObjects(h, 'container', name)).toEqual([`${name}-app-1`])
      const validation = await admin.post(`${STACKS}/validate`, { name, compose, env: c.env ?? '' })
      expect(await validation.json()).toEqual({ issues: [], services: ['app'] })
    },
  )
})

describe('POST /stacks/validate', () => {
  it('answers file errors at their line, and nothing for a viewer', async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const compose = `services:\n  app:\n    image: x\n    privileged: maybe\n`

    const res = await operator.post(`${STACKS}/validate`, { name: h.uniqueName('v'), compose })
    const refused = await viewer.post(`${STACKS}/validate`, { name: h.uniqueName('v'), compose })

    expect(res.status).toBe(200)
    expect(((await res.json()) as { issues: unknown[] }).issues).toEqual([
      expect.objectContaining({ kind: 'error', line: 4, path: 'services.app.privileged' }),
    ])
    await expectApiError(refused, 403, 'forbidden')
  })

  it('refuses a build whose context has no Dockerfile with a 400 naming the key and line', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('build')
    const compose = `services:\n  app:\n    image: x\n    build: .\n`
    await storeStack(operator, name, compose)

    const res = await operator.post(`${STACKS}/${name}/up`, {})

    await expectApiError(
      res,
      400,
      'invalid_request',
      /compose\.yaml:4 services\.app\.build: no file Dockerfile in the build context/,
    )
  })
})
