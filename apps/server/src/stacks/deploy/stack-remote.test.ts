import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { docker, testEngine } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { type StackLineBody, stackLines, stepsIn } from '../../../test/cli-project.ts'
import { expectApiError, startHarness } from '../../../test/harness.ts'
import { QUICK_STOP, doneOf, labelsYaml } from '../../../test/stack-deploy.ts'

// The run's engine reached over TCP with mutual TLS, registered as a second host: an engine whose
// host does not share this server's files, as a remote one would not.
const h = startHarness()
const tls = testEngine().tls!
const overTls = (args: string[]) => docker(tls.dockerHost, args, { tlsCertPath: tls.certPath })
const TLS_STACKS = '/api/hosts/tls/stacks'
const LOCAL_STACKS = '/api/hosts/local/stacks'

beforeAll(async () => {
  const pem = (file: string) => readFileSync(join(tls.certPath, file), 'utf8')
  const admin = await h.as('admin')
  const res = await admin.post('/api/hosts', {
    id: 'tls',
    name: 'TLS',
    address: tls.dockerHost,
    tls: { ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem') },
  })
  expect(res.status, await res.clone().text()).toBe(201)
})

const stackDir = (hostId: string, name: string) =>
  join(h.server.services.config.dataDir, 'stacks', hostId, name)
const exec = async (container: string, command: string) =>
  (await overTls(['exec', container, 'sh', '-c', command])).stdout.trim()
const idOf = async (container: string) =>
  (await overTls(['inspect', '--format', '{{.Id}}', container])).stdout.trim()

const composeWithFiles = () => `
services:
  app:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    secrets: [db_password]
    configs:
      - source: app_conf
        target: /etc/app/app.conf
        mode: 0440
        uid: "1000"
    labels: ${labelsYaml(h)}
  side:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}
secrets:
  db_password:
    file: ./db_password.txt
configs:
  app_conf:
    file: ./conf/app.conf
networks:
  default:
    labels: ${labelsYaml(h)}
`

async function post(path: string, body: Record<string, unknown> = {}): Promise<StackLineBody[]> {
  const operator = await h.as('operator')
  return stackLines(await operator.post(path, body))
}

describe('a stack on a host reached over TCP with TLS', () => {
  const name = h.uniqueName('remote')
  const app = `${name}-app-1`
  const side = `${name}-side-1`

  it('copies file secrets and configs into the containers, with their owner and mode', async () => {
    const operator = await h.as('operator')
    const created = await operator.post(TLS_STACKS, { name, compose: composeWithFiles() })
    expect(created.status, await created.clone().text()).toBe(201)
    writeFileSync(join(stackDir('tls', name), 'db_password.txt'), 'hunter2\n')
    mkdirSync(join(stackDir('tls', name), 'conf'))
    writeFileSync(join(stackDir('tls', name), 'conf', 'app.conf'), 'level=debug\n')

    const lines = await post(`${TLS_STACKS}/${name}/up`)

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    expect(await exec(app, 'cat /run/secrets/db_password')).toBe('hunter2')
    expect(await exec(app, 'stat -c "%a %u %g" /run/secrets/db_password')).toBe('444 0 0')
    expect(await exec(app, 'cat /etc/app/app.conf')).toBe('level=debug')
    expect(await exec(app, 'stat -c "%a %u %g" /etc/app/app.conf')).toBe('440 1000 0')
    // Copied, not bound: nothing of the server's directory is named to the engine.
    expect((await overTls(['inspect', '--format', '{{json .Mounts}}', app])).stdout.trim()).toBe(
      '[]',
    )
  })

  it('makes no change on a second up of the unchanged stack', async () => {
    const before = await idOf(app)

    const lines = await post(`${TLS_STACKS}/${name}/up`)

    expect(doneOf(lines), JSON.stringify(lines)).toEqual({ type: 'done', changes: 0 })
    expect(await idOf(app)).toBe(before)
  })

  it('recreates only the service whose secret changed, with the new content', async () => {
    const before = { app: await idOf(app), side: await idOf(side) }
    writeFileSync(join(stackDir('tls', name), 'db_password.txt'), 'correct horse\n')

    const lines = await post(`${TLS_STACKS}/${name}/up`)

    expect(stepsIn(lines, 'done'), JSON.stringify(lines)).toEqual([
      `recreate ${app}`,
      `start ${app}`,
    ])
    expect(await idOf(app)).not.toBe(before.app)
    expect(await idOf(side)).toBe(before.side)
    expect(await exec(app, 'cat /run/secrets/db_password')).toBe('correct horse')
  })

  it('takes the stack down', async () => {
    const lines = await post(`${TLS_STACKS}/${name}/down`)

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    const { stdout } = await overTls([
      'ps',
      '-a',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--format',
      '{{.Names}}',
    ])
    expect(stdout.trim()).toBe('')
  })
})

describe('a relative bind source', () => {
  const composeWithBind = () => `
services:
  app:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    volumes:
      - ./conf:/conf:ro
    labels: ${labelsYaml(h)}
networks:
  default:
    labels: ${labelsYaml(h)}
`

  it('is refused on a host that does not see the stack’s folder, at its key and line', async () => {
    const admin = await h.as('admin')
    const name = h.uniqueName('bind')
    const created = await admin.post(TLS_STACKS, { name, compose: composeWithBind() })
    expect(created.status, await created.clone().text()).toBe(201)

    await expectApiError(
      await admin.post(`${TLS_STACKS}/${name}/up`, {}),
      400,
      'invalid_request',
      /compose\.yaml:7 services\.app\.volumes\[0\]: bind source \.\/conf is a folder of the stack on the Harbormaster server, .*use a named volume or an absolute path the admin allowed/,
    )
    const validation = await admin.post(`${TLS_STACKS}/validate`, {
      name,
      compose: composeWithBind(),
    })
    expect(await validation.json()).toMatchObject({
      issues: [{ line: 7, path: 'services.app.volumes[0]', kind: 'error' }],
    })
    const { stdout } = await overTls([
      'ps',
      '-a',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--format',
      '{{.Names}}',
    ])
    expect(stdout.trim()).toBe('')
  })

  it('is the stack’s folder on the local socket’s engine, which shares this server’s files', async () => {
    const admin = await h.as('admin')
    const name = h.uniqueName('bind')
    const created = await admin.post(LOCAL_STACKS, { name, compose: composeWithBind() })
    expect(created.status, await created.clone().text()).toBe(201)

    const lines = await stackLines(await admin.post(`${LOCAL_STACKS}/${name}/up`, {}))

    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    const mounts = await docker(h.dockerHost, [
      'inspect',
      '--format',
      '{{range .Mounts}}{{.Source}} {{.Destination}}{{end}}',
      `${name}-app-1`,
    ])
    expect(mounts.stdout.trim()).toBe(`${join(stackDir('local', name), 'conf')} /conf`)
    await stackLines(await admin.post(`${LOCAL_STACKS}/${name}/down`, {}))
  })
})
