import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ComposeService, loadComposeProject } from '@harbormaster/compose'
import type { StackAdoption, StackDetails, StackFiles, StackSummary } from '@harbormaster/contract'
import { docker } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { exists, stackLines, stateOf, stepsIn } from '../../../test/cli-project.ts'
import {
  type ComposeV1Project,
  sampleComposeV1File,
  upComposeV1Project,
} from '../../../test/compose-v1-project.ts'
import { type Harness, startHarness } from '../../../test/harness.ts'

const stacks = '/api/hosts/local/stacks'
const root = mkdtempSync(join(tmpdir(), 'hm-compose-v1-'))
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

const PROJECT_FILES = { '.env': 'UNUSED=1\n', 'conf/app.conf': 'x=1\n' }

async function summaryOf(h: Harness, name: string): Promise<StackSummary | undefined> {
  const res = await (await h.as('viewer')).get(stacks)
  expect(res.status).toBe(200)
  return ((await res.json()) as StackSummary[]).find((stack) => stack.name === name)
}

async function adoptionOf(h: Harness, name: string, role: 'operator' | 'admin' = 'operator') {
  const res = await (await h.as(role)).get(`${stacks}/${name}/adoption`)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as StackAdoption
}

/** The project's own file as the compose reader reads it, paths made absolute as the engine has them. */
function ownServices(project: ComposeV1Project): Record<string, ComposeService> {
  const loaded = loadComposeProject({
    projectName: project.name,
    file: { text: readFileSync(project.file, 'utf8') },
    readFile: () => undefined,
  })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
  return Object.fromEntries(
    Object.entries(loaded.project.services).map(([name, service]) => [
      name,
      comparable({
        ...service,
        volumes: service.volumes.map((mount) =>
          mount.type === 'bind' ? { ...mount, source: join(project.dir, mount.source) } : mount,
        ),
      }),
    ]),
  )
}

/**
 * A service as far as its containers can tell: compose v1 writes no `depends_on` label, and the
 * order of mounts is not a setting (the generated file sorts them by target).
 */
const comparable = (service: ComposeService): ComposeService => ({
  ...service,
  dependsOn: {},
  volumes: service.volumes.toSorted((a, b) => a.target.localeCompare(b.target)),
})

describe('a project made by Debian’s docker-compose (v1)', () => {
  const h = startHarness()

  it('is listed as a stack with its services, though v1 names containers <project>_<service>_<n>', async () => {
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), PROJECT_FILES)

    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)
    const res = await (await h.as('viewer')).get(`${stacks}/${project.name}`)
    const details = (await res.json()) as StackDetails
    expect(details).toMatchObject({ origin: 'cli', workingDir: project.dir })
    expect(details.configFiles).toEqual(['docker-compose.yml'])
    expect(details.services.map((s) => [s.name, s.containers.map((c) => c.name)])).toEqual([
      ['web', [`${project.name}_web_1`]],
      ['worker', [`${project.name}_worker_1`, `${project.name}_worker_2`]],
    ])
  })

  it('is stopped and started from the API, as docker-compose ps and the docker CLI see it', async () => {
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), PROJECT_FILES)
    const operator = await h.as('operator')
    const web = `${project.name}_web_1`
    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)

    const stopped = await stackLines(await operator.post(`${stacks}/${project.name}/stop`))
    expect(stopped.at(-1)).toEqual({ type: 'done', changes: 3 })
    expect([...(await project.ps()).values()]).toEqual(['Exit 0', 'Exit 0', 'Exit 0'])
    expect(await stateOf(h, web)).toBe('exited')

    const started = await stackLines(await operator.post(`${stacks}/${project.name}/start`))
    expect(stepsIn(started, 'done')[0]).toBe(`start ${web}`)
    expect([...(await project.ps()).values()]).toEqual(['Up', 'Up', 'Up'])
    expect(await stateOf(h, `${project.name}_worker_2`)).toBe('running')
  })

  it('is taken down from the API: containers and networks, and its volume with volumes', async () => {
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), PROJECT_FILES)
    const operator = await h.as('operator')
    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)

    const lines = await stackLines(
      await operator.post(`${stacks}/${project.name}/down`, { volumes: true }),
    )

    expect(lines.at(-1)).toMatchObject({ type: 'done' })
    expect((await project.ps()).size).toBe(0)
    for (const network of ['default', 'front'])
      expect(await exists(h, 'network', `${project.name}_${network}`)).toBe(false)
    expect(await exists(h, 'volume', `${project.name}_data`)).toBe(false)
  })

  it('is adopted with a file generated from its containers that describes the same services', async () => {
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), PROJECT_FILES)
    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)

    const adoption = await adoptionOf(h, project.name, 'admin')

    expect(adoption.source).toBe('generated')
    expect(adoption.notes).toEqual([
      "the project's file (docker-compose.yml) was not read: no directory is allowed for import " +
        '(HARBORMASTER_STACK_IMPORT_DIRS)',
    ])
    expect(adoption.env).toBe("APP_PASSWORD='hunter2'\n")
    const generated = loadComposeProject({
      projectName: project.name,
      file: { text: adoption.compose },
      dotenv: adoption.env,
      readFile: () => undefined,
    })
    if (!generated.ok) throw new Error(JSON.stringify(generated.errors))
    expect(generated.warnings).toEqual([])
    const services = Object.fromEntries(
      Object.entries(generated.project.services).map(([name, s]) => [name, comparable(s)]),
    )
    expect(services).toEqual(ownServices(project))
    expect(generated.project.networks.front?.labels).toEqual(h.labels)
    expect(generated.project.volumes.data?.labels).toEqual(h.labels)
  })

  it('is adopted as a managed stack; the secret the operator saw masked keeps its value', async () => {
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), PROJECT_FILES)
    const operator = await h.as('operator')
    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)
    const adoption = await adoptionOf(h, project.name)
    expect(adoption).toMatchObject({
      env: "APP_PASSWORD='[masked]'\n",
      maskedEnv: ['APP_PASSWORD'],
    })

    const res = await operator.post(`${stacks}/${project.name}/adopt`, {
      compose: adoption.compose,
      env: adoption.env,
      comment: 'adopted',
    })

    expect(res.status, await res.clone().text()).toBe(201)
    expect(await res.json()).toMatchObject({ version: 1, comment: 'adopted', env: adoption.env })
    const files = (await (
      await (await h.as('admin')).get(`${stacks}/${project.name}/files`)
    ).json()) as StackFiles
    expect(files).toMatchObject({ compose: adoption.compose, env: "APP_PASSWORD='hunter2'\n" })
    expect(await summaryOf(h, project.name)).toMatchObject({
      origin: 'managed',
      total: 3,
      saved: { version: 1 },
    })
    // Its containers are left as they are until it is deployed.
    expect(await stateOf(h, `${project.name}_web_1`)).toBe('running')
    await docker(h.dockerHost, ['inspect', `${project.name}_worker_2`])
  })
})

describe('a docker-compose project in a directory allowed for import', () => {
  const h = startHarness({ env: { HARBORMASTER_STACK_IMPORT_DIRS: root } })

  it('is adopted with its own file and .env, the .env masked as a stack’s', async () => {
    const env = 'APP_TOKEN=abc\nGREETING=hi\n'
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), {
      ...PROJECT_FILES,
      '.env': env,
    })
    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)

    const adoption = await adoptionOf(h, project.name)

    expect(adoption).toMatchObject({
      source: 'recovered',
      compose: readFileSync(project.file, 'utf8'),
      env: 'APP_TOKEN=[masked]\nGREETING=hi\n',
      maskedEnv: ['APP_TOKEN'],
    })
    expect(adoption.notes).toEqual([
      "service web: the bind source ./conf is relative to the project's directory" +
        ` (${project.dir}); a stack reads it from its own directory: write an absolute path or ` +
        'add the file to the stack',
    ])
    expect((await adoptionOf(h, project.name, 'admin')).env).toBe(env)
  })
})
